/*
 * Entry of taskpane.html, the page Excel opens. office.js is loaded by a <script> tag before this bundle;
 * when it failed to load or Office does not get ready in time, the app still comes up, with a notice
 * pointing to index.html.
 */
import { mount } from './mount';
import { waitForOffice } from './officeReady';

const container = document.getElementById('root');
if (container) {
  void waitForOffice().then((hostStatus) => mount(container, { hostStatus }));
}
