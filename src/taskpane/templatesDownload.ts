import { MasterModel } from '../workbook/model';

export const ZIP_MIME = 'application/zip';

export interface TemplatesDownload {
  name: string;
  bytes: Uint8Array;
  count: number;
}

/**
 * Every unit's report template for month M as one .zip. Loaded on demand: the template code (and ExcelJS,
 * which it shares with 新建主表) is a separate chunk, not part of the task pane's first load.
 */
export async function buildTemplatesDownload(model: MasterModel, month: number): Promise<TemplatesDownload> {
  const { templatesZip, templatesZipName } = await import(/* webpackChunkName: "templates" */ '../templates/reportTemplate');
  return { name: templatesZipName(model, month), bytes: await templatesZip(model, month), count: model.table.units.length };
}
