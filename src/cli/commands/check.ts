import { FINDING_TITLES } from '../../core/findings';
import { checkLedger } from '../../core/checkLedger';
import { cellAddress } from '../../workbook/address';
import { ledgerColumn, ledgerSheets, shapeOf, unitRow } from '../../workbook/layout';
import { UsageError, parse } from '../args';
import { readMasterFile } from '../masterFile';

export async function check(args: string[]): Promise<void> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError('check 需要一个主表文件，例如：check 主表.xlsx');
  const { model, problems } = await readMasterFile(positionals[0]);
  const index = new Map(model.table.units.map((u, i) => [u.id, i]));
  const sheets = ledgerSheets(shapeOf(model.table));
  const findings = [
    ...problems.map((p) => ({ code: 'NOT_A_NUMBER' as const, sheet: p.sheet, cell: p.cell, unitId: null, month: null, message: p.message })),
    ...checkLedger(model.table, model.ledger).map((i) => ({
      code: i.code,
      sheet: sheets[i.key],
      cell: cellAddress(unitRow(index.get(i.unitId)!), ledgerColumn(i.month, i.field)),
      unitId: i.unitId,
      month: i.month,
      message: i.message,
    })),
  ];
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ findings }, null, 2)}\n`);
    return;
  }
  if (!findings.length) {
    process.stdout.write('台账检查完毕：各月数据前后一致，没有发现问题。\n');
    return;
  }
  process.stdout.write(`台账检查发现 ${findings.length} 处需要核对：\n`);
  for (const f of findings) process.stdout.write(`  [${FINDING_TITLES[f.code]}] ${f.sheet}!${f.cell}：${f.message}\n`);
}
