import { readFileSync } from 'fs';
import { basename } from 'path';
import { OcrEngine } from './engine';
import { NodeEngineOptions, createNodeEngine } from './nodeEngine';
import { nodePdfReader } from './nodePdf';
import { readScan } from './readScan';
import { ScanIndicator, ScanOptions, ScanResult } from './types';

/** Node edges wired together: the engine is created on first use and kept for later files. */
export class NodeScanner {
  private engine: Promise<OcrEngine> | null = null;
  private readonly pdf = nodePdfReader();

  constructor(private readonly engineOptions: NodeEngineOptions = {}) {}

  options(indicators: readonly ScanIndicator[], extra: Partial<ScanOptions> = {}): ScanOptions {
    return {
      indicators,
      engine: () => (this.engine ??= createNodeEngine(this.engineOptions)),
      pdf: this.pdf,
      ...extra,
    };
  }

  read(name: string, bytes: Uint8Array, indicators: readonly ScanIndicator[], extra: Partial<ScanOptions> = {}): Promise<ScanResult> {
    return readScan(name, bytes, this.options(indicators, extra));
  }

  readFile(path: string, indicators: readonly ScanIndicator[]): Promise<ScanResult> {
    return this.read(basename(path), new Uint8Array(readFileSync(path)), indicators);
  }

  async close(): Promise<void> {
    if (this.engine) await (await this.engine).dispose();
    this.engine = null;
  }
}
