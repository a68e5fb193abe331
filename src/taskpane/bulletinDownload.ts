import type { BulletinFile } from '../bulletin/ofMaster';
import type { MasterModel } from '../workbook/model';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * 生成通报（Word）: month M's circular of the open master as .docx bytes. Loaded on demand: the circular's code and
 * the docx library are a chunk of their own ("bulletin"), not part of the task pane's first load.
 */
export async function buildBulletinDownload(model: MasterModel, month: number): Promise<BulletinFile> {
  const { bulletinOfMaster } = await import(/* webpackChunkName: "bulletin" */ '../bulletin/ofMaster');
  return bulletinOfMaster(model, month);
}
