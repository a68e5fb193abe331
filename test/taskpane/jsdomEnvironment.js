/*
 * jsdom, plus what the browsers the app supports have and jsdom lacks: TextEncoder/TextDecoder (the report
 * reader, the xlsx patcher) and structuredClone. Use with  /** @jest-environment ./test/taskpane/jsdomEnvironment.js *\/
 */
const { TestEnvironment } = require('jest-environment-jsdom');
const util = require('util');

class JsdomWithEncoding extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    if (!g.TextEncoder) g.TextEncoder = util.TextEncoder;
    if (!g.TextDecoder) g.TextDecoder = util.TextDecoder;
    if (!g.structuredClone) g.structuredClone = structuredClone;
  }
}

module.exports = JsdomWithEncoding;
