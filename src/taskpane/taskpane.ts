/*
 * Entry of taskpane.html, the page Excel opens. office.js is loaded by a <script> tag before this bundle.
 * In Excel the app works on the open workbook (ExcelHost, loaded only on this path); when office.js failed to
 * load, Office does not get ready in time or this is not Excel, the app still comes up on an in-page master
 * (FileHost), with a notice pointing to index.html.
 */
import type { AssistantHost } from '../host/host';
import { FileHost } from '../host/fileHost';
import { createParseWorker } from './createParseWorker';
import { localeFromLocation, mount } from './mount';
import { waitForOffice } from './officeReady';
import { HostStatus } from './strings';
import { workerParser } from './workerParser';

async function excelHost(): Promise<AssistantHost> {
  // The add-in's one ExcelHost (new ExcelHost over Excel.run), shared with the ribbon commands' shared runtime.
  const { sharedExcelHost } = await import(/* webpackChunkName: "excel-host" */ '../host/excelHost');
  return sharedExcelHost();
}

async function start(container: HTMLElement) {
  let hostStatus: HostStatus = await waitForOffice();
  let host: AssistantHost;
  if (hostStatus === 'excel') {
    try {
      host = await excelHost();
    } catch (e) {
      console.error(e);
      hostStatus = 'officeMissing';
      host = new FileHost();
    }
  } else {
    host = new FileHost();
  }
  const officeLanguage = hostStatus === 'excel' ? Office.context?.displayLanguage : null;
  mount(container, { host, hostStatus, locale: localeFromLocation(window.location.search, officeLanguage), parser: workerParser(createParseWorker) });
}

const container = document.getElementById('root');
if (container) void start(container);
