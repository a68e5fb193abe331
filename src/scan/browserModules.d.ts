// Entry points the report-parsing Web Worker imports that TypeScript's "node" resolution cannot see (package "exports").
declare module 'onnxruntime-web/wasm' {
  export * from 'onnxruntime-web';
}
/** pdf.js's worker half; importing it sets globalThis.pdfjsWorker, which pdf.js then runs in-thread. */
declare module 'pdfjs-dist/build/pdf.worker.mjs';
