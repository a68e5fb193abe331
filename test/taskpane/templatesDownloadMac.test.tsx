/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * 下发报表模板 where the task pane cannot download: Excel on Mac and iPad ignore blob download links (office-js
 * #2700, #3385). With a fake Office context the section must not offer a download that does nothing; it says, in
 * Chinese, how to get the templates from the standalone page, opens that page in the browser when this Excel can,
 * and shows its address to copy otherwise. Elsewhere (Windows, the web, the standalone page) the download stays.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';

import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { TemplatesDownload } from '../../src/taskpane/components/TemplatesDownload';
import { blobDownloadBlockedOn, openInBrowser, standalonePageUrl } from '../../src/taskpane/download';
import { Pane, PaneContext } from '../../src/taskpane/pane';
import { mainThreadParser } from '../../src/taskpane/reportParser';
import { Locale, getStrings } from '../../src/taskpane/strings';
import * as templatesDownload from '../../src/taskpane/templatesDownload';
import { MasterModel } from '../../src/workbook/model';

jest.setTimeout(60_000);
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });

const g = globalThis as { Office?: unknown };
let host: FileHost;
let model: MasterModel;

beforeAll(async () => {
  host = new FileHost();
  model = await host.create(embeddedQuota2023());
});

afterEach(() => {
  delete g.Office;
  jest.restoreAllMocks();
});

/** office.js as Excel on `platform` leaves it after Office.onReady. */
function fakeOffice(platform: string, options: { openBrowserWindow?: boolean } = {}) {
  const openBrowserWindow = jest.fn();
  g.Office = {
    context: {
      platform,
      diagnostics: { platform, host: 'Excel', version: '16.0' },
      requirements: { isSetSupported: (name: string) => name === 'OpenBrowserWindowApi' && options.openBrowserWindow !== false },
      ui: { openBrowserWindow },
    },
  };
  return openBrowserWindow;
}

function renderSection(save = jest.fn(), locale: Locale = 'zh-CN') {
  const pane: Pane = {
    t: getStrings(locale),
    locale,
    host,
    model,
    parser: mainThreadParser(),
    refresh: () => undefined,
    run: async (_kind, action) => action(),
    act: async (_kind, action) => {
      await action();
      return true;
    },
    today: () => new Date(2023, 2, 1),
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={pane}>
        <TemplatesDownload save={save} />
      </PaneContext.Provider>
    </FluentProvider>,
  );
  return save;
}

const zh = templatesDownload.VIA_BROWSER_TEXT['zh-CN'];
const DOWNLOAD = '下载报表模板（.zip）';

describe('blobDownloadBlockedOn', () => {
  test.each([
    ['Mac', 'Mac'],
    ['iOS', 'iOS'],
    ['PC', null],
    ['OfficeOnline', null],
  ])('Office on %s → %p', (platform, expected) => {
    fakeOffice(platform);
    expect(blobDownloadBlockedOn()).toBe(expected);
  });

  test('outside Office (no office.js, or office.js in a plain browser) downloads are not blocked', () => {
    expect(blobDownloadBlockedOn()).toBeNull();
    g.Office = { context: { platform: null, diagnostics: undefined } };
    expect(blobDownloadBlockedOn()).toBeNull();
    g.Office = {
      get context(): never {
        throw new Error('Office.context is not initialised');
      },
    };
    expect(blobDownloadBlockedOn()).toBeNull();
  });

  test('Office.context.platform alone (older office.js without diagnostics.platform) is enough', () => {
    g.Office = { context: { platform: 'Mac' } };
    expect(blobDownloadBlockedOn()).toBe('Mac');
  });
});

describe('the templates section in Excel on Mac', () => {
  test('no download button; the steps in Chinese; the standalone page opened in the browser', async () => {
    const open = fakeOffice('Mac');
    const build = jest.spyOn(templatesDownload, 'buildTemplatesDownload');
    const save = renderSection();
    expect(screen.queryByRole('button', { name: DOWNLOAD })).toBeNull();
    expect(screen.getByText('Mac 版 Excel 不能从任务窗格下载文件')).toBeInTheDocument();
    expect(screen.getByText(zh.steps)).toBeInTheDocument();
    // The address of the standalone page, next to this page, without the task pane's query.
    const url = standalonePageUrl();
    expect(url).toBe(new URL('index.html', document.baseURI).href);
    expect(url).toMatch(/^https?:\/\/[^?#]+\/index\.html$/);
    expect(screen.getByRole('textbox', { name: zh.urlLabel })).toHaveValue(url);

    fireEvent.click(screen.getByRole('button', { name: zh.open }));
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith(url);
    await waitFor(() => expect(screen.getByText(zh.opened)).toBeInTheDocument());
    expect(build).not.toHaveBeenCalled();
    expect(save).not.toHaveBeenCalled();
  });

  test('an Excel without OpenBrowserWindowApi: it says to copy the address, and copying works', async () => {
    const open = fakeOffice('Mac', { openBrowserWindow: false });
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    try {
      renderSection();
      fireEvent.click(screen.getByRole('button', { name: zh.open }));
      expect(open).not.toHaveBeenCalled();
      await waitFor(() => expect(screen.getByText(zh.cannotOpen)).toBeInTheDocument());
      fireEvent.click(screen.getByRole('button', { name: zh.copy }));
      await waitFor(() => expect(screen.getByText(zh.copied)).toBeInTheDocument());
      expect(writeText).toHaveBeenCalledWith(standalonePageUrl());
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  test('copying refused: the address is selected for Command+C', async () => {
    fakeOffice('Mac');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
    try {
      renderSection();
      fireEvent.click(screen.getByRole('button', { name: zh.copy }));
      await waitFor(() => expect(screen.getByText(zh.copyFailed)).toBeInTheDocument());
      const input = screen.getByRole('textbox', { name: zh.urlLabel }) as HTMLInputElement;
      expect(document.activeElement).toBe(input);
      expect([input.selectionStart, input.selectionEnd]).toEqual([0, input.value.length]);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  test('iPad says iPad; English follows the UI language', () => {
    fakeOffice('iOS');
    renderSection(jest.fn(), 'en-US');
    expect(screen.getByText('Excel on iPad cannot download files from the task pane')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: templatesDownload.VIA_BROWSER_TEXT['en-US'].open })).toBeInTheDocument();
  });
});

describe('the templates section elsewhere', () => {
  test.each(['PC', 'OfficeOnline', null])('Office platform %p: the .zip is built and saved as before', async (platform) => {
    if (platform) fakeOffice(platform);
    jest.spyOn(templatesDownload, 'buildTemplatesDownload').mockResolvedValue({ name: '报表模板.zip', bytes: new Uint8Array([80, 75, 5, 6]), count: 179 });
    const save = renderSection();
    expect(screen.queryByText(zh.steps)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: DOWNLOAD }));
    await waitFor(() => expect(save).toHaveBeenCalledWith(new Uint8Array([80, 75, 5, 6]), '报表模板.zip', 'application/zip'));
  });
});

test('openInBrowser: false without office.js or without the requirement set, never throws', () => {
  expect(openInBrowser('https://x.example/index.html')).toBe(false);
  g.Office = {
    context: {
      requirements: {
        isSetSupported: () => {
          throw new Error('x');
        },
      },
      ui: { openBrowserWindow: jest.fn() },
    },
  };
  expect(openInBrowser('https://x.example/index.html')).toBe(false);
});
