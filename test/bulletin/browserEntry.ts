/* The circular built in a page, as the task pane will: the browser-safe entry and the canvas renderer only. */
import { bulletinDocx, canvasPng } from '../../src/bulletin';
import type { BulletinInput } from '../../src/bulletin';

async function build(input: BulletinInput): Promise<string> {
  const bytes = await bulletinDocx(input, { renderPng: canvasPng });
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

(window as unknown as { bulletinTest: unknown }).bulletinTest = { build };
