/**
 * Code the pages load on first use (SheetJS, the readers, OCR) comes from the page's own site; when the network
 * drops or the site was updated while the page was open, webpack rejects with a ChunkLoadError ("Loading chunk 872
 * failed.") and a browser with "Failed to fetch dynamically imported module". Such an error is about the
 * connection, not the master, and the user needs to hear that in their language rather than webpack's.
 */
export function isCodeLoadError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (
    e.name === 'ChunkLoadError' ||
    /^Loading (CSS )?chunk \S+ failed/.test(e.message) ||
    /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/i.test(e.message)
  );
}
