/**
 * A JSON schema for SARIF 2.1.0 logs, written for crowsnest from the OASIS SARIF 2.1.0 specification's
 * facts: required properties (log: version and runs; run: tool; tool: driver; toolComponent: name;
 * reportingDescriptor: id; result: message; suppression: kind; multiformat strings: text), the enumerations
 * (level, kind, suppression kind and status), URI and date-time formats, index minimums, and no unknown
 * properties outside property bags. It covers every object crowsnest's SARIF writer emits; objects it never
 * writes (code flows, graphs, fixes, ...) are refused rather than half-described.
 */
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const strict = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  ...(required.length ? { required } : {}),
  properties: { ...properties, properties: ref('propertyBag') },
});
const arrayOf = (item: unknown, unique = false) => ({ type: 'array', items: item, uniqueItems: unique });
const index = { type: 'integer', minimum: -1 };

const definitions = {
  propertyBag: {
    type: 'object',
    properties: { tags: { type: 'array', uniqueItems: true, items: { type: 'string' } } },
    additionalProperties: true,
  },
  message: {
    ...strict({
      text: { type: 'string' },
      markdown: { type: 'string' },
      id: { type: 'string' },
      arguments: arrayOf({ type: 'string' }),
    }),
    anyOf: [{ required: ['text'] }, { required: ['id'] }],
  },
  multiformatMessageString: strict({ text: { type: 'string' }, markdown: { type: 'string' } }, ['text']),
  reportingConfiguration: strict({
    enabled: { type: 'boolean' },
    level: { enum: ['none', 'note', 'warning', 'error'] },
    rank: { type: 'number', minimum: -1, maximum: 100 },
    parameters: ref('propertyBag'),
  }),
  reportingDescriptor: strict(
    {
      id: { type: 'string' },
      deprecatedIds: arrayOf({ type: 'string' }, true),
      guid: { type: 'string' },
      name: { type: 'string' },
      shortDescription: ref('multiformatMessageString'),
      fullDescription: ref('multiformatMessageString'),
      messageStrings: { type: 'object', additionalProperties: ref('multiformatMessageString') },
      defaultConfiguration: ref('reportingConfiguration'),
      helpUri: { type: 'string', format: 'uri' },
      help: ref('multiformatMessageString'),
    },
    ['id'],
  ),
  toolComponent: strict(
    {
      guid: { type: 'string' },
      name: { type: 'string' },
      organization: { type: 'string' },
      product: { type: 'string' },
      fullName: { type: 'string' },
      version: { type: 'string' },
      semanticVersion: { type: 'string' },
      informationUri: { type: 'string', format: 'uri' },
      downloadUri: { type: 'string', format: 'uri' },
      rules: arrayOf(ref('reportingDescriptor'), true),
    },
    ['name'],
  ),
  tool: strict({ driver: ref('toolComponent'), extensions: arrayOf(ref('toolComponent'), true) }, ['driver']),
  artifactLocation: strict({
    uri: { type: 'string', format: 'uri-reference' },
    uriBaseId: { type: 'string' },
    index,
    description: ref('message'),
  }),
  region: strict({
    startLine: { type: 'integer', minimum: 1 },
    startColumn: { type: 'integer', minimum: 1 },
    endLine: { type: 'integer', minimum: 1 },
    endColumn: { type: 'integer', minimum: 1 },
    charOffset: index,
    charLength: { type: 'integer', minimum: 0 },
    byteOffset: index,
    byteLength: { type: 'integer', minimum: 0 },
    message: ref('message'),
  }),
  physicalLocation: {
    ...strict({
      artifactLocation: ref('artifactLocation'),
      region: ref('region'),
      contextRegion: ref('region'),
    }),
    // the specification also allows an `address`, which crowsnest never writes
    required: ['artifactLocation'],
  },
  logicalLocation: strict({
    name: { type: 'string' },
    index,
    fullyQualifiedName: { type: 'string' },
    decoratedName: { type: 'string' },
    parentIndex: index,
    kind: { type: 'string' },
  }),
  location: strict({
    id: index,
    physicalLocation: ref('physicalLocation'),
    logicalLocations: arrayOf(ref('logicalLocation'), true),
    message: ref('message'),
  }),
  suppression: strict(
    {
      guid: { type: 'string' },
      kind: { enum: ['inSource', 'external'] },
      status: { enum: ['accepted', 'underReview', 'rejected'] },
      justification: { type: 'string' },
      location: ref('location'),
    },
    ['kind'],
  ),
  result: strict(
    {
      ruleId: { type: 'string' },
      ruleIndex: index,
      kind: { enum: ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'] },
      level: { enum: ['none', 'note', 'warning', 'error'] },
      message: ref('message'),
      locations: arrayOf(ref('location')),
      guid: { type: 'string' },
      fingerprints: { type: 'object', additionalProperties: { type: 'string' } },
      partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
      suppressions: arrayOf(ref('suppression'), true),
      baselineState: { enum: ['new', 'unchanged', 'updated', 'absent'] },
      rank: { type: 'number', minimum: -1, maximum: 100 },
      hostedViewerUri: { type: 'string', format: 'uri' },
    },
    ['message'],
  ),
  runAutomationDetails: strict({
    id: { type: 'string' },
    guid: { type: 'string' },
    description: ref('message'),
  }),
  run: strict(
    {
      tool: ref('tool'),
      results: arrayOf(ref('result')),
      automationDetails: ref('runAutomationDetails'),
      language: { type: 'string' },
      columnKind: { enum: ['utf16CodeUnits', 'unicodeCodePoints'] },
    },
    ['tool'],
  ),
};

export const sarif210Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: { type: 'array', items: ref('run') },
    properties: ref('propertyBag'),
  },
  definitions,
} as const;
