import type { MasterModel } from '../workbook/model';
import { RenderPng, bulletinDocx } from './bulletinDocx';
import { canvasPng } from './canvasPng';
import { monthRange } from './format';
import { bulletinInput } from './fromMaster';

/**
 * The circular of an open master, in the browser (task pane, standalone page): loaded on demand as its own chunk
 * (docx is ~100 KB gzipped), never part of the pane's first load.
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface BulletinFile {
  name: string;
  bytes: Uint8Array;
  /** Why the chart is missing (the rest of the circular is complete), or null when it is in. */
  chartProblem: string | null;
}

/** "2023年1-4月进度通报（草稿）.docx": the keeper is in the title; file names avoid the en dash for old systems. */
export function bulletinFileName(model: MasterModel, month: number): string {
  return `${model.table.year}年${monthRange(month).replace('–', '-')}进度通报（草稿）.docx`;
}

/**
 * Month M's circular from the master's figures and its saved 下一步工作要求. A chart the browser cannot draw
 * (a CSP without img-src blob:, no canvas) does not stop the circular: it is built without, and says why.
 */
export async function bulletinOfMaster(model: MasterModel, month: number, renderPng: RenderPng = canvasPng): Promise<BulletinFile> {
  const input = bulletinInput(model, month);
  const name = bulletinFileName(model, month);
  try {
    return { name, bytes: await bulletinDocx(input, { renderPng }), chartProblem: null };
  } catch (e) {
    if (e instanceof Error && e.name === 'BulletinInputError') throw e;
    const chartProblem = e instanceof Error ? e.message : String(e);
    return { name, bytes: await bulletinDocx(input), chartProblem };
  }
}
