/**
 * The platform the code runs on, chosen when it is built: Node (CLI, tests) loads ./node; the web build
 * resolves ./node to ./browser (webpack.config.js resolve.alias), so no page bundle asks for node:zlib.
 */
export { platform } from './node';
export type { Platform } from './types';
