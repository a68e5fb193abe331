import Ajv from 'ajv';
import { readFileSync } from 'fs';
import { join } from 'path';

const ajv = new Ajv({ allErrors: true, strict: true });

/** A validator for one of the JSON Schemas in docs/schema (the contract's two JSON outputs). */
export function schemaValidator(name: 'status' | 'merge'): (data: unknown) => string[] {
  const validate = ajv.compile(JSON.parse(readFileSync(join(__dirname, `../../docs/schema/${name}.schema.json`), 'utf8')));
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
}
