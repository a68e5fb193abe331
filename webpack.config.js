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
 * HtmlWebpackPlugin only adds <script defer src=…> tags, never inline script. Only the dev server (npm start)
 * adds connect-src 'self' for its live-reload WebSocket and hot-update requests.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000/';
const PORT = 3000;

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
  const directives = policy.split(';').map((d) => d.trim()).filter(Boolean);
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
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      standalone: './src/taskpane/index.tsx',
      // The ribbon's ExecuteFunction handlers, loaded by taskpane.html (the shared runtime's page). dependOn: one
      // webpack runtime for the page, so the commands and the task pane share module instances (one ExcelHost).
      commands: { import: './src/commands/commands.ts', dependOn: 'taskpane' },
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
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
        chunks: ['taskpane', 'commands'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './src/taskpane/index.html',
        chunks: ['standalone'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
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
      splitChunks: { chunks: 'all' },
    },
    performance: {
      hints: dev ? false : 'warning',
      // First load: React + Fluent UI (~620 KB), SheetJS (~360 KB, reads reports and the master) and the app
      // (~180 KB); ~350 KB gzipped. ExcelJS (~1 MB) loads only when a master is built, the Excel host only in Excel,
      // and the report-parsing Web Worker shares the SheetJS chunk.
      maxEntrypointSize: 1300 * 1024,
      maxAssetSize: 1100 * 1024,
      assetFilter: (file) => file.endsWith('.js'),
    },
    stats: dev ? 'minimal' : 'normal',
  };

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
