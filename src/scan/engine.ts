/**
 * What the pipeline needs from an ONNX runtime: run the PP-OCR detector and recogniser on float tensors.
 * The Node CLI and a browser Web Worker provide it differently (see nodeEngine.ts); the pipeline does not care.
 */
export interface Tensor {
  data: Float32Array;
  /** e.g. [1, 3, H, W] */
  dims: number[];
}

export interface OcrEngine {
  /** DB text detector: [1, 3, H, W] (H, W multiples of 32) → probability map [1, 1, H, W]. */
  detect(input: Tensor): Promise<Tensor>;
  /** CRNN/SVTR recogniser: [N, 3, 48, W] → per-step class probabilities [N, T, C]. */
  recognize(input: Tensor): Promise<Tensor>;
  /** Class index → character; index 0 is the CTC blank. */
  readonly alphabet: readonly string[];
  dispose(): Promise<void>;
}

/** The PP-OCR dictionary file (one character a line) as the recogniser's classes: blank, the lines, a space. */
export function alphabetFromDictionary(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return ['', ...lines, ' '];
}
