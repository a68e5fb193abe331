/**
 * 设置 → 主表保管单位 on an open master: keeperPatch gives the cells to write (配置 L2/M2 and the titles that
 * name the keeper). Applied to a real master file and read back, the master names the new keeper everywhere
 * init would have; a change that would rename the master's sheets is refused.
 */
import { renderWorkbook } from '../../src/workbook/adapters/xlsxRender';
import { patchWorkbook } from '../../src/workbook/adapters/xlsxPatch';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { masterSpec } from '../../src/workbook/masterSpec';
import { newMasterModel } from '../../src/workbook/model';
import { readMaster } from '../../src/workbook/readMaster';
import { CONFIG_TABLE, SHEET } from '../../src/workbook/layout';
import { keeperPatch } from '../../src/quota/keeper';
import { anyang2024, expectedTable } from '../../src/samples/quotaTables';

const table = expectedTable(anyang2024(), '安政教〔2024〕8号');

test('a new keeper for the same city: 配置 L2/M2 and the titles; the rest of the master unchanged', async () => {
  const before = await renderWorkbook(masterSpec(newMasterModel(table)));
  const change = keeperPatch(table, '安阳市教育局职成科');
  if ('problems' in change) throw new Error(change.problems.join(''));
  expect(change.table).toMatchObject({ keeper: '安阳市教育局职成科', reportsAs: '安阳市' });
  expect(keeperPatch(table, '安阳市职业技术学院', '安阳市')).toMatchObject({ table: { reportsAs: '安阳市' } });
  const same = keeperPatch(table, '安阳市教育局职成科', '安阳市');
  if ('problems' in same) throw new Error(same.problems.join(''));
  const config = same.patches.find((p) => p.sheet === SHEET.config)!;
  expect(config.cells).toEqual([{ row: CONFIG_TABLE.valueRow, col: CONFIG_TABLE.keeperCol, value: '安阳市教育局职成科' }]);
  expect(same.patches.map((p) => p.sheet).sort()).toEqual([SHEET.readme, SHEET.config, '全市汇总'].sort());

  const after = patchWorkbook(before, same.patches);
  const { model } = readMaster(readWorkbook(after));
  expect(model.table).toEqual({ ...table, keeper: '安阳市教育局职成科', reportsAs: '安阳市' });
  const grids = readWorkbook(after);
  expect(grids.sheets.get(SHEET.readme)![0][0]).toBe('安阳市教育局职成科 2024年度“人人持证、技能河南”建设工作任务进度汇总（主表）');
  expect(String(grids.sheets.get('全市汇总')![0][0])).toContain('（安阳市教育局职成科）');
});

test('a keeper of another level (全市 → 全县) is refused: that is another master', () => {
  const change = keeperPatch(table, '滑县教育体育局');
  expect(change).toEqual({ problems: [expect.stringMatching(/^上报名称从“安阳市”改为“滑县”，主表的“全市”各处.*init --quota 任务表 --keeper 滑县教育体育局/)] });
  expect(keeperPatch(table, '  ')).toEqual({ problems: ['请填写主表保管单位的名称，如“安阳市教育局”。'] });
});
