import type { RenderPng } from './bulletinDocx';

/**
 * Node only (the CLI): the chart's SVG to PNG with resvg, a native renderer shipped prebuilt in npm packages, using
 * the machine's own CJK fonts (SimHei/Microsoft YaHei on Windows, Noto CJK on Linux). Never import it from the
 * browser bundle: there `canvasPng` does the same with a canvas.
 */
export const resvgPng: RenderPng = async (svg, widthPx) => {
  // Loaded here, not at the top, so that a platform without a prebuilt binary fails only when a chart is drawn.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
    background: '#ffffff',
  });
  return new Uint8Array(resvg.render().asPng());
};

/** resvgPng when the native renderer loads on this machine, else null (the circular is then written without chart). */
export function loadResvgPng(): RenderPng | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('@resvg/resvg-js');
    return resvgPng;
  } catch {
    return null;
  }
}
