import { readFileSync } from 'fs';
import { join } from 'path';
import { ERROR_CODES, FINDING_TITLES, WARNING_CODES } from '../../src/core/findings';

const contract = readFileSync(join(__dirname, '../../docs/contract.md'), 'utf8');
const schema = JSON.parse(readFileSync(join(__dirname, '../../docs/schema/merge.schema.json'), 'utf8'));

describe('finding codes', () => {
  test('the code lists are exactly the codes docs/contract.md names, in its order', () => {
    const section = contract.slice(contract.indexOf('## Finding codes'));
    const errors = section.slice(0, section.indexOf('Warnings'));
    const warnings = section.slice(section.indexOf('Warnings'));
    const codesIn = (text: string) => [...text.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
    expect([...ERROR_CODES]).toEqual(codesIn(errors));
    expect([...WARNING_CODES]).toEqual(codesIn(warnings));
  });
  test('the JSON Schema and the Chinese titles cover every code', () => {
    expect(schema.definitions.errorCode.enum).toEqual([...ERROR_CODES]);
    expect(schema.definitions.warningCode.enum).toEqual([...WARNING_CODES]);
    for (const c of [...ERROR_CODES, ...WARNING_CODES]) expect(FINDING_TITLES[c]).toMatch(/\p{Script=Han}/u);
  });
});
