/*
 * Entry of index.html: the standalone web page. It never loads office.js and does not wait for Office. The
 * master is an .xlsx held in the page (FileHost); report files are read in a Web Worker, or on the page's
 * thread in slices when the worker cannot start (e.g. the page opened from disk, file://).
 */
import { FileHost } from '../host/fileHost';
import { createParseWorker } from './createParseWorker';
import { mount } from './mount';
import { isScanFile } from './importList';
import { routedParser, workerParser } from './workerParser';

const container = document.getElementById('root');
if (container)
  mount(container, {
    host: new FileHost(),
    hostStatus: 'standalone',
    parser: routedParser(workerParser(createParseWorker), workerParser(createParseWorker), isScanFile),
  });
