/**
 * What the import list needs once files are picked, in one lazily loaded chunk: the dry run (the merge's own
 * planning; the files were read in the worker, so SheetJS is not needed here) and the reader's SHA-256.
 * The first screen loads none of it.
 */
import { platform } from '../platform';

export { planImport } from './importRows';

/** The SHA-256 the reader gives a file (platform.sha256Hex, as readReports does), without loading the reader. */
export const sha256Hex = (bytes: Uint8Array): string => platform.sha256Hex(bytes);
