/**
 * A JSON schema for SPDX 2.3 documents, written for crowsnest from the SPDX 2.3 specification's facts
 * (required fields, identifier and date patterns, enumerations, no unknown properties). It covers the
 * document, package, annotation, external reference and relationship shapes crowsnest emits.
 */
const date = {
  type: 'string',
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$',
};
const spdxId = { type: 'string', pattern: '^SPDXRef-[a-zA-Z0-9.-]+$' };

const annotation = {
  type: 'object',
  required: ['annotationDate', 'annotationType', 'annotator', 'comment'],
  additionalProperties: false,
  properties: {
    annotationDate: date,
    annotationType: { enum: ['OTHER', 'REVIEW'] },
    annotator: { type: 'string', pattern: '^(Tool|Person|Organization): ' },
    comment: { type: 'string' },
  },
};

const relationshipTypes = [
  'VARIANT_OF',
  'COPY_OF',
  'PATCH_FOR',
  'TEST_DEPENDENCY_OF',
  'CONTAINED_BY',
  'DATA_FILE_OF',
  'OPTIONAL_COMPONENT_OF',
  'ANCESTOR_OF',
  'GENERATES',
  'CONTAINS',
  'OPTIONAL_DEPENDENCY_OF',
  'FILE_ADDED',
  'REQUIREMENT_DESCRIPTION_FOR',
  'DEV_DEPENDENCY_OF',
  'DEPENDENCY_OF',
  'BUILD_DEPENDENCY_OF',
  'DESCRIBES',
  'PREREQUISITE_FOR',
  'HAS_PREREQUISITE',
  'PROVIDED_DEPENDENCY_OF',
  'DYNAMIC_LINK',
  'DESCRIBED_BY',
  'METAFILE_OF',
  'DEPENDENCY_MANIFEST_OF',
  'PATCH_APPLIED',
  'RUNTIME_DEPENDENCY_OF',
  'TEST_OF',
  'TEST_TOOL_OF',
  'DEPENDS_ON',
  'SPECIFICATION_FOR',
  'FILE_MODIFIED',
  'DISTRIBUTION_ARTIFACT',
  'AMENDS',
  'DOCUMENTATION_OF',
  'GENERATED_FROM',
  'STATIC_LINK',
  'OTHER',
  'BUILD_TOOL_OF',
  'TEST_CASE_OF',
  'PACKAGE_OF',
  'DESCENDANT_OF',
  'FILE_DELETED',
  'EXPANDED_FROM_ARCHIVE',
  'DEV_TOOL_OF',
  'EXAMPLE_OF',
];

const pkg = {
  type: 'object',
  required: ['SPDXID', 'name', 'downloadLocation'],
  additionalProperties: false,
  properties: {
    SPDXID: spdxId,
    name: { type: 'string', minLength: 1 },
    versionInfo: { type: 'string' },
    downloadLocation: { type: 'string', minLength: 1 },
    filesAnalyzed: { type: 'boolean' },
    licenseConcluded: { type: 'string' },
    licenseDeclared: { type: 'string' },
    copyrightText: { type: 'string' },
    primaryPackagePurpose: {
      enum: [
        'OTHER',
        'INSTALL',
        'ARCHIVE',
        'FIRMWARE',
        'APPLICATION',
        'FRAMEWORK',
        'LIBRARY',
        'CONTAINER',
        'SOURCE',
        'DEVICE',
        'OPERATING-SYSTEM',
        'FILE',
      ],
    },
    sourceInfo: { type: 'string' },
    comment: { type: 'string' },
    supplier: { type: 'string' },
    externalRefs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['referenceCategory', 'referenceLocator', 'referenceType'],
        additionalProperties: false,
        properties: {
          referenceCategory: {
            enum: [
              'OTHER',
              'PERSISTENT-ID',
              'PERSISTENT_ID',
              'SECURITY',
              'PACKAGE-MANAGER',
              'PACKAGE_MANAGER',
            ],
          },
          referenceLocator: { type: 'string', pattern: '^\\S+$' },
          referenceType: { type: 'string' },
          comment: { type: 'string' },
        },
      },
    },
    annotations: { type: 'array', items: annotation },
  },
};

export const spdx23Schema = {
  type: 'object',
  required: ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace', 'creationInfo'],
  additionalProperties: false,
  properties: {
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    name: { type: 'string', minLength: 1 },
    documentNamespace: { type: 'string', pattern: '^[a-z][a-z0-9+.-]*://[^#\\s]+$' },
    creationInfo: {
      type: 'object',
      required: ['created', 'creators'],
      additionalProperties: false,
      properties: {
        created: date,
        creators: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(Tool|Person|Organization): ' },
        },
        licenseListVersion: { type: 'string' },
        comment: { type: 'string' },
      },
    },
    packages: { type: 'array', items: pkg },
    hasExtractedLicensingInfos: {
      type: 'array',
      items: {
        type: 'object',
        required: ['licenseId', 'extractedText'],
        additionalProperties: false,
        properties: {
          licenseId: { type: 'string', pattern: '^LicenseRef-[A-Za-z0-9.-]+$' },
          extractedText: { type: 'string' },
          name: { type: 'string' },
          comment: { type: 'string' },
        },
      },
    },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'],
        additionalProperties: false,
        properties: {
          spdxElementId: { type: 'string' },
          relationshipType: { enum: relationshipTypes },
          relatedSpdxElement: { type: 'string' },
          comment: { type: 'string' },
        },
      },
    },
  },
} as const;
