/* Entry of index.html: the standalone web page. It never loads office.js and does not wait for Office. */
import { mount } from './mount';

const container = document.getElementById('root');
if (container) mount(container, { hostStatus: 'standalone' });
