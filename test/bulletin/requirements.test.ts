import { readFileSync } from 'fs';
import { join } from 'path';
import { strFromU8, unzipSync } from 'fflate';
import { bulletinInput, requirementParagraphs } from '../../src/bulletin/fromMaster';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { FileWorkbook } from '../../src/workbook/adapters/memoryFile';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { cellAt } from '../../src/workbook/grids';
import { CONFIG_ROWS, SHEET } from '../../src/workbook/layout';
import type { SheetPatch } from '../../src/workbook/patches';
import { readMaster } from '../../src/workbook/readMaster';
import { SessionBusyError } from '../../src/workflow/operationLock';
import { MasterOperations } from '../../src/workflow/operations';
import { MasterSession } from '../../src/workflow/session';
import { convertWithLibreOffice } from '../helpers/libreoffice';

/** 下一步工作要求 kept in the master (配置 row 18) through the command layer, read back from the file's bytes. */

const TEXT = '（一）加快进度。各单位要倒排工期。\n\n（二）=SUM(A1:A3) 不是公式，是要求的原文。\n（三）+86 按时报送。';

/** A FileWorkbook whose writes can be held until the test lets them go. */
class GatedWorkbook extends FileWorkbook {
  gate: Promise<void> | null = null;
  override async applyPatches(patches: readonly SheetPatch[]): Promise<void> {
    if (this.gate) await this.gate;
    return super.applyPatches(patches);
  }
}

async function opened() {
  const workbook = new GatedWorkbook();
  const master = new MasterOperations(new MasterSession(workbook, () => '2023-05-06 09:00:00'), { clock: () => '2023-05-06 09:00:00' });
  await master.create(embeddedQuota2023());
  return { workbook, master };
}

const back = (wb: FileWorkbook) => readMaster(readWorkbook(wb.bytes)).model;

/** The raw XML of 配置 (the hidden sheet), to see how cell B18 was written. */
function configXml(bytes: Uint8Array): string {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const rid = new RegExp(`<sheet [^>]*name="${SHEET.config}"[^>]*r:id="([^"]+)"`).exec(workbook)![1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)!;
  const path = (target[1] ?? target[2]).replace(/^\/?(xl\/)?/, 'xl/');
  return strFromU8(files[path]);
}

describe('setRequirements', () => {
  test('a new master has none: the circular uses the default text', async () => {
    const { workbook, master } = await opened();
    expect(master.state().model!.requirements).toBeUndefined();
    expect(back(workbook).requirements).toBeUndefined();
    expect(bulletinInput(back(workbook), 1).requirements).toBeUndefined();
  });

  test('stored in 配置 as text (a leading "=" or "+" stays text), read back, used by the circular; empty restores the default', async () => {
    const { workbook, master } = await opened();
    await master.setRequirements(`  ${TEXT.replace(/\n/g, '\r\n')}  `);
    expect(master.state().last).toMatchObject({ operation: 'setRequirements', ok: true, summary: '已保存通报的“下一步工作要求”。' });
    const model = back(workbook);
    expect(model.requirements).toBe(TEXT);
    expect(master.state().model!.requirements).toBe(TEXT);

    const grid = readWorkbook(workbook.bytes).sheets.get(SHEET.config)!;
    expect(cellAt(grid, CONFIG_ROWS.requirements, 1)).toBe('下一步工作要求');
    expect(cellAt(grid, CONFIG_ROWS.requirements, 2)).toBe(TEXT);
    // No formula anywhere in row 18 of 配置.
    const row18 = /<row [^>]*r="18"[^>]*>([\s\S]*?)<\/row>/.exec(configXml(workbook.bytes))![1];
    expect(row18).not.toMatch(/<f[ >]/);

    // The other rows of 配置 are untouched: the master still reads the same table and pace.
    expect(model.table).toEqual(master.state().model!.table);
    expect(model.pace).toEqual(master.state().model!.pace);

    expect(bulletinInput(model, 1).requirements).toEqual([
      '（一）加快进度。各单位要倒排工期。',
      '（二）=SUM(A1:A3) 不是公式，是要求的原文。',
      '（三）+86 按时报送。',
    ]);
    // --requirements of the CLI (settings) wins over the stored text.
    expect(bulletinInput(model, 1, { requirements: ['只此一段。'] }).requirements).toEqual(['只此一段。']);

    await master.setRequirements('   \n ');
    expect(master.state().last!.summary).toBe('“下一步工作要求”已恢复为默认文字。');
    expect(back(workbook).requirements).toBeUndefined();
    expect(master.state().model!.requirements).toBeUndefined();
    expect(bulletinInput(back(workbook), 1).requirements).toBeUndefined();
  });

  test('a text longer than a cell holds is refused with a message; the master is unchanged', async () => {
    const { workbook, master } = await opened();
    const before = workbook.bytes;
    await expect(master.setRequirements('要'.repeat(32768))).rejects.toThrow(/32768 个字符.*最多保存 32767 个/);
    expect(master.state().last).toMatchObject({ ok: false, needsAttention: true });
    expect(workbook.bytes).toBe(before);
  });

  test('it writes, so it takes the lock: refused while another write runs', async () => {
    const { workbook, master } = await opened();
    let release!: () => void;
    workbook.gate = new Promise((r) => (release = r));
    const first = master.setMonth(2);
    await expect(master.setRequirements(TEXT)).rejects.toBeInstanceOf(SessionBusyError);
    release();
    await first;
    workbook.gate = null;
    expect(back(workbook).requirements).toBeUndefined();
    await master.setRequirements(TEXT);
    expect(back(workbook)).toMatchObject({ month: 2, requirements: TEXT });
  });

  test('survives a LibreOffice re-save (the hidden 配置 sheet, line breaks, the leading "=" as text)', async () => {
    const { workbook, master } = await opened();
    await master.setRequirements(TEXT);
    const [resaved] = convertWithLibreOffice([{ name: '主表.xlsx', bytes: workbook.bytes }], 'xlsx');
    const model = readMaster(readWorkbook(new Uint8Array(resaved))).model;
    expect(model.requirements).toBe(TEXT);
    expect(model.table).toEqual(master.state().model!.table);
  }, 240_000);

  test('a schema-1 (2023) master is read as it is: no stored text', () => {
    const bytes = readFileSync(join(__dirname, '../fixtures/master-v1/master-v1-2023.xlsx'));
    expect(readMaster(readWorkbook(new Uint8Array(bytes))).model.requirements).toBeUndefined();
  });

  test('requirementParagraphs: one paragraph per non-empty line', () => {
    expect(requirementParagraphs(undefined)).toBeUndefined();
    expect(requirementParagraphs(' a \r\n\r\n b')).toEqual(['a', 'b']);
    expect(requirementParagraphs('\n \n')).toBeUndefined();
  });
});
