/*
 * Runs Debian's xmllint (libxml2-utils) to validate a manifest against the project's own XSD in test/manifest/schema.
 */
import { spawnSync } from 'child_process';
import path from 'path';

export const SCHEMA = path.join(__dirname, 'schema', 'officeapp.xsd');

/** xmllint's exit status when the document is well-formed but not valid against the schema. */
export const XMLLINT_INVALID = 3;

export interface Validation {
  /** 0: valid; 3: not valid; anything else: xmllint could not run, or the XML or the schema did not parse. */
  status: number | null;
  /** xmllint's messages, one per line, without its final "validates" / "fails to validate" line. */
  messages: string[];
}

export function validate(file: string): Validation {
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', SCHEMA, file], { encoding: 'utf8' });
  if (run.error) {
    throw new Error(`xmllint did not run (${run.error.message}); install it with: apt-get install libxml2-utils`);
  }
  const messages = run.stderr
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => line !== `${file} validates` && line !== `${file} fails to validate`);
  return { status: run.status, messages };
}
