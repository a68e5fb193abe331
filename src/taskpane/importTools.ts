/**
 * What the import list needs once files are picked, in one lazily loaded chunk: the dry run (the merge's own
 * planning, which brings the report reader and SheetJS) and the reader's SHA-256. The first screen loads none of it.
 */
export { planImport } from './importRows';
export { sha256Hex } from '../reports/readReports';
