/**
 * The machine-readable code inside a pre-filled report template: year, month and unit, with a check
 * number so a mistyped or half-copied code is not taken for another unit. Example: CZJD-2023-03-017-42.
 */
export interface TemplateCode {
  year: number;
  month: number;
  unitId: number;
}

const PATTERN = /CZJD-(\d{4})-(\d{2})-(\d{3,5})-(\d{2})/;

function check(payload: string): string {
  // Weighted digit sum mod 97: any single changed digit or swapped neighbours changes it.
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum = (sum * 10 + (payload.charCodeAt(i) - 48) * (i + 3)) % 97;
  return String(sum).padStart(2, '0');
}

export function encodeTemplateCode(code: TemplateCode): string {
  const payload = `${code.year}${String(code.month).padStart(2, '0')}${String(code.unitId).padStart(3, '0')}`;
  return `CZJD-${code.year}-${String(code.month).padStart(2, '0')}-${String(code.unitId).padStart(3, '0')}-${check(payload)}`;
}

/** The code in a text, or null when there is none or its check number is wrong. */
export function decodeTemplateCode(text: string): TemplateCode | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  if (check(`${m[1]}${m[2]}${m[3]}`) !== m[4]) return null;
  const code = { year: Number(m[1]), month: Number(m[2]), unitId: Number(m[3]) };
  return code.month >= 1 && code.month <= 12 && code.unitId >= 1 ? code : null;
}
