/*
 * Entry of taskpane.html, the page Excel opens (and the shared runtime of the ribbon commands: their actions are
 * associated by the ribbon script, src/commands/ribbon.ts, which runs before this bundle). office.js is loaded by a
 * <script> tag before both. In Excel the app works on the open workbook (ExcelHost, loaded only on this path);
 * when office.js failed to load, Office does not get ready in time or this is not Excel, the app still comes up on
 * an in-page master (FileHost, also loaded only when needed), with a notice pointing to index.html; a late
 * Office.onReady switches it to Excel (paneStart.ts).
 */
import type { AssistantHost } from '../host/host';
import { createParseWorker } from './createParseWorker';
import { localeFromLocation, mount } from './mount';
import { watchOffice } from './officeReady';
import { MountedPane, startPane } from './paneStart';
import { isScanFile } from './importList';
import { routedParser, workerParser } from './workerParser';

async function excelHost(): Promise<AssistantHost> {
  // The add-in's one ExcelHost (new ExcelHost over Excel.run), shared with the ribbon commands' shared runtime.
  const { sharedExcelHost } = await import(/* webpackChunkName: "excel-host" */ '../host/excelHost');
  return sharedExcelHost();
}

async function fileHost(): Promise<AssistantHost> {
  const { FileHost } = await import(/* webpackChunkName: "file-host" */ '../host/fileHost');
  return new FileHost();
}

const container = document.getElementById('root');
if (container) {
  const parser = routedParser(workerParser(createParseWorker), workerParser(createParseWorker), isScanFile);
  void startPane({
    watch: () => watchOffice(),
    excelHost,
    fileHost,
    locale: (inExcel) => localeFromLocation(window.location.search, inExcel ? Office.context?.displayLanguage : null),
    render: (props): MountedPane => {
      const app = mount(container, { ...props, parser });
      return { update: (next) => app.update({ ...next, parser }), unmount: () => app.unmount() };
    },
  }).catch((e) => {
    // Not even the in-page host could load: the page keeps its static "loading" text; the console says why.
    console.error(e);
  });
}
