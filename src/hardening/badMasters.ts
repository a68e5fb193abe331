import { strToU8, zipSync } from 'fflate';
import { MasterBytesProblem } from '../core/messages/masterText';

/**
 * Files opened as the master that are no master (docs/bad-inputs.md, second table), generated: random bytes, a
 * zip header over random bytes, a zip bomb, an encrypted zip, an empty file, a PDF. The ones only an office
 * program writes (.ods, .xls, an encrypted .xlsx) are made by LibreOffice in the tests.
 */
export interface BadMaster {
  kind: string;
  name: string;
  bytes: Uint8Array;
  expected: MasterBytesProblem['reason'];
}

/** Deterministic noise (xorshift32): the same bytes on every run. */
export function randomBytes(length: number, seed = 0x2023_0306): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A zip whose entries are marked encrypted (general-purpose flag bit 0), as a zip tool's "password" option writes. */
function zipMarkedEncrypted(): Uint8Array {
  const zip = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') });
  for (let i = 0; i + 4 <= zip.length; i++) {
    const sig = zip[i] | (zip[i + 1] << 8) | (zip[i + 2] << 16) | (zip[i + 3] << 24);
    if (sig === 0x04034b50) zip[i + 6] |= 1;
    if (sig === 0x02014b50) zip[i + 8] |= 1;
  }
  return zip;
}

export function badMasters(): BadMaster[] {
  const zipHeaderNoise = randomBytes(200_000);
  zipHeaderNoise.set([0x50, 0x4b, 0x03, 0x04], 0);
  return [
    { kind: '30 MB 随机字节', name: 'master-random.xlsx', bytes: randomBytes(30 * 1024 * 1024), expected: 'tooLarge' },
    { kind: 'zip 文件头后接随机字节', name: 'master-zip-noise.xlsx', bytes: zipHeaderNoise, expected: 'damaged' },
    {
      kind: 'zip 炸弹（解压后 210 MB）',
      name: 'master-bomb.xlsx',
      bytes: zipSync({ 'xl/workbook.xml': new Uint8Array(210 * 1024 * 1024) }, { level: 9 }),
      expected: 'zipBomb',
    },
    { kind: 'zip 加密（条目标记为加密）', name: 'master-zip-encrypted.xlsx', bytes: zipMarkedEncrypted(), expected: 'encrypted' },
    { kind: '空文件', name: 'master-empty.xlsx', bytes: new Uint8Array(0), expected: 'empty' },
    { kind: 'PDF 改名为 .xlsx', name: 'master-scan.xlsx', bytes: strToU8('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF'), expected: 'notWorkbook' },
    { kind: '小随机字节（无文件头）', name: 'master-noise.xlsx', bytes: randomBytes(50_000, 7), expected: 'notWorkbook' },
  ];
}
