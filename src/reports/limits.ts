/**
 * Size limits of the report reader. A module of its own (no SheetJS): the task pane's first screen shows them
 * without loading the reader.
 */
export const LIMITS = {
  /** Larger files are refused before parsing: no monthly form is anywhere near this. */
  maxBytes: 20 * 1024 * 1024,
  /** Uncompressed size of a zip's entries together, and the worst compression ratio allowed (zip bombs). */
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  /** Rows read per sheet: the form fits in the first rows; this bounds the parse time of a huge sheet. */
  maxRows: 400,
  maxColumns: 60,
} as const;
