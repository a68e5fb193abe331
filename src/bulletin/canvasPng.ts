import type { RenderPng } from './bulletinDocx';

/**
 * Browser only (task pane, standalone page): the chart's SVG to PNG through an <img> and a canvas, with the
 * reader's system fonts. The SVG is loaded from a blob: URL, so the page's CSP must allow `img-src blob:`.
 */
export const canvasPng: RenderPng = async (svg, widthPx, heightPx) => {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    try {
      await img.decode();
    } catch {
      throw new Error('浏览器未能绘制通报中的图表：请确认页面的内容安全策略（CSP）允许 img-src blob:。');
    }
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(widthPx);
    canvas.height = Math.round(heightPx);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('浏览器不支持 canvas 绘图，无法生成通报中的图表。');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('图表转换为 PNG 失败。');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
};
