import { Ajv, type ErrorObject } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default` is the plugin
const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as (ajv: Ajv) => Ajv;

/** Validates a document against a schema crowsnest wrote; returns ajv's errors (empty when valid). */
export function schemaErrors(schema: object, document: unknown): ErrorObject[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.validate(schema, document) ? [] : (ajv.errors ?? []);
}
