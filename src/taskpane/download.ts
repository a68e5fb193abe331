export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Offers bytes to the user as a download (Blob + object URL + a temporary link). */
export function saveFile(bytes: Uint8Array, fileName: string, mime = XLSX_MIME, doc: Document = document): void {
  const copy = new Uint8Array(bytes.byteLength); // a plain ArrayBuffer-backed copy: what Blob's types accept
  copy.set(bytes);
  const url = URL.createObjectURL(new Blob([copy], { type: mime }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Revoking at once can cancel the download in some browsers; a minute is plenty.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
