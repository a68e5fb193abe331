/** The progress circular: browser-safe entry (the CLI adds `resvgPng` from './resvgPng'). */
export { bulletinDocx, BulletinInputError } from './bulletinDocx';
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
