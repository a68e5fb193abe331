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

/** The part of the office.js global the download checks read (looked up at run time, never imported). */
interface OfficeForDownloads {
  context?: {
    platform?: string | null;
    diagnostics?: { platform?: string | null };
    requirements?: { isSetSupported(name: string, version?: string): boolean };
    ui?: { openBrowserWindow?(url: string): void };
  };
}

function officeOf(win: unknown): OfficeForDownloads | undefined {
  try {
    return (win as { Office?: OfficeForDownloads } | undefined)?.Office;
  } catch {
    return undefined;
  }
}

/**
 * The Office platform where a blob download link does nothing: Excel on Mac and on iPad run the task pane in a
 * WKWebView that ignores <a download> (office-js #2700, #3385). null elsewhere: Windows, Excel on the web, and any
 * page outside Office (the standalone page in a browser).
 */
export function blobDownloadBlockedOn(win: unknown = globalThis): 'Mac' | 'iOS' | null {
  let platform: string | null | undefined;
  try {
    const context = officeOf(win)?.context;
    platform = context?.diagnostics?.platform ?? context?.platform;
  } catch {
    return null; // Office.context not initialised: not inside an Office client yet
  }
  return platform === 'Mac' || platform === 'iOS' ? platform : null;
}

/** The standalone page next to this one (index.html), as an absolute URL without the task pane's query. */
export function standalonePageUrl(doc: Document = document): string {
  return new URL('index.html', doc.baseURI).href;
}

/**
 * Opens a URL in the system browser (Office.context.ui.openBrowserWindow, OpenBrowserWindowApi 1.1: the
 * documented way out of a webview that cannot download). False when this Excel cannot: the caller shows the URL.
 */
export function openInBrowser(url: string, win: unknown = globalThis): boolean {
  try {
    const context = officeOf(win)?.context;
    const supported = context?.requirements?.isSetSupported('OpenBrowserWindowApi', '1.1') ?? false;
    if (!supported || typeof context?.ui?.openBrowserWindow !== 'function') return false;
    context.ui.openBrowserWindow(url);
    return true;
  } catch {
    return false;
  }
}
