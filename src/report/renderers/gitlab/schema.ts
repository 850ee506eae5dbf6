/**
 * A structural JSON schema for GitLab's container-scanning report (security report schema 15.0.x), written
 * for crowsnest from the format's published facts: `version`, `scan` and `vulnerabilities` at the root; the
 * scan names analyzer and scanner (id, name, version, vendor name), its type `container_scanning`, start and
 * end times as `YYYY-MM-DDTHH:MM:SS` (no zone) and a success/failure status; every vulnerability has an id,
 * at least one identifier (type, name, value) and a location with the dependency (package name, version),
 * the operating system and the image as `name:tag`; severities are Info, Unknown, Low, Medium, High and
 * Critical; URLs are http(s) or ftp. It is stricter than GitLab's (no unknown properties) on purpose: it
 * checks what crowsnest writes.
 */
const url = { type: 'string', pattern: '^(https?|ftp)://.+' };
const text = { type: 'string', minLength: 1 };
const vendor = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: { name: text },
};
const tool = {
  type: 'object',
  required: ['id', 'name', 'version', 'vendor'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: '^[a-z0-9-_]+$' }, name: text, version: text, vendor, url },
};
const time = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$' };

const identifier = {
  type: 'object',
  required: ['type', 'name', 'value'],
  additionalProperties: false,
  properties: { type: text, name: text, value: text, url },
};

const location = {
  type: 'object',
  required: ['dependency', 'operating_system', 'image'],
  additionalProperties: false,
  properties: {
    dependency: {
      type: 'object',
      required: ['package', 'version'],
      additionalProperties: false,
      properties: {
        package: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: text },
        },
        version: { type: 'string' },
      },
    },
    operating_system: text,
    image: { type: 'string', pattern: '^[^:]+(:\\d+[^:]*)?:[^:]+(:[^:]+)?$' },
    default_branch_image: { type: 'string' },
  },
};

const vulnerability = {
  type: 'object',
  required: ['id', 'identifiers', 'location'],
  additionalProperties: false,
  properties: {
    id: text,
    name: { type: 'string', maxLength: 255 },
    description: { type: 'string', maxLength: 1048576 },
    severity: { enum: ['Info', 'Unknown', 'Low', 'Medium', 'High', 'Critical'] },
    solution: { type: 'string', maxLength: 7000 },
    identifiers: { type: 'array', minItems: 1, items: identifier },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        additionalProperties: false,
        properties: { name: text, url },
      },
    },
    location,
  },
};

export const gitlabContainerScanningSchema = {
  type: 'object',
  required: ['version', 'scan', 'vulnerabilities'],
  additionalProperties: false,
  properties: {
    version: { type: 'string', pattern: '^15\\.0\\.\\d+$' },
    scan: {
      type: 'object',
      required: ['analyzer', 'scanner', 'type', 'start_time', 'end_time', 'status'],
      additionalProperties: false,
      properties: {
        analyzer: tool,
        scanner: tool,
        type: { const: 'container_scanning' },
        start_time: time,
        end_time: time,
        status: { enum: ['success', 'failure'] },
      },
    },
    vulnerabilities: { type: 'array', items: vulnerability },
    remediations: { type: 'array' },
  },
} as const;
