/**
 * The progress circular: browser-safe entry. The task pane passes `canvasPng`; the CLI passes `loadResvgPng()` from
 * './resvgPng' (Node only: never import that file into the web bundle).
 */
export { bulletinDocx, BulletinInputError } from './bulletinDocx';
export { canvasPng } from './canvasPng';
export type { BulletinOptions, RenderPng } from './bulletinDocx';
export { bulletinChartSvg } from './chartSvg';
export type { ChartSvg } from './chartSvg';
export { defaultRequirements } from './defaultText';
export { bulletinInputProblems } from './input';
export type {
  BulletinGroup,
  BulletinGroupFigures,
  BulletinIndicator,
  BulletinInput,
  BulletinLateUnit,
  BulletinStatus,
  BulletinUnit,
  BulletinUnitFigures,
} from './input';
