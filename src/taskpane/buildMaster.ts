import type { QuotaTable } from '../core/units';

/**
 * Builds a new master workbook (.xlsx bytes) for a task table. The workbook code and ExcelJS are loaded on
 * first use: the web build puts them in a separate chunk, so the task pane comes up without them.
 */
export async function buildMasterFile(table: QuotaTable): Promise<Uint8Array> {
  const [{ renderWorkbook }, { masterSpec }, { newMasterModel }] = await Promise.all([
    import('../workbook/adapters/xlsxRender'),
    import(/* webpackExports: ["masterSpec"] */ '../workbook/masterSpec'),
    import(/* webpackExports: ["newMasterModel"] */ '../workbook/model'),
  ]);
  const bytes = await renderWorkbook(masterSpec(newMasterModel(table)));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
