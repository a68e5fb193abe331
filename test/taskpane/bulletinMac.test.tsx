/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * 生成通报（Word） where the task pane cannot download (Excel on Mac and iPad ignore blob download links, as for the
 * templates): no button that would do nothing, but the steps to build the circular in the standalone page, and the
 * page opened in the browser. In Excel on Windows or the web the button is there and saves through the pane's path.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';

import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import * as bulletinDownload from '../../src/taskpane/bulletinDownload';
import { BulletinDownload } from '../../src/taskpane/components/BulletinDownload';
import { standalonePageUrl } from '../../src/taskpane/download';
import { Pane, PaneContext } from '../../src/taskpane/pane';
import { mainThreadParser } from '../../src/taskpane/reportParser';
import { getStrings } from '../../src/taskpane/strings';
import { VIA_BROWSER_TEXT } from '../../src/taskpane/templatesDownload';
import { MasterModel } from '../../src/workbook/model';

jest.setTimeout(60_000);
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });

const g = globalThis as { Office?: unknown };
const zh = VIA_BROWSER_TEXT['zh-CN'];
let host: FileHost;
let model: MasterModel;

beforeAll(async () => {
  host = new FileHost();
  model = { ...(await host.create(embeddedQuota2023())), month: 3 };
});

afterEach(() => {
  delete g.Office;
  jest.restoreAllMocks();
});

function fakeOffice(platform: string) {
  const openBrowserWindow = jest.fn();
  g.Office = {
    context: {
      platform,
      diagnostics: { platform, host: 'Excel', version: '16.0' },
      requirements: { isSetSupported: (name: string) => name === 'OpenBrowserWindowApi' },
      ui: { openBrowserWindow },
    },
  };
  return openBrowserWindow;
}

function renderSection(save = jest.fn()) {
  const pane: Pane = {
    t: getStrings('zh-CN'),
    locale: 'zh-CN',
    host,
    model,
    parser: mainThreadParser(),
    refresh: () => undefined,
    run: async (_kind, action) => action(),
    act: async (_kind, action) => {
      await action();
      return true;
    },
    today: () => new Date(2023, 3, 1),
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <PaneContext.Provider value={pane}>
        <BulletinDownload save={save} />
      </PaneContext.Provider>
    </FluentProvider>,
  );
  return save;
}

test('Excel on Mac: no button; the steps name 概览 and 生成通报（Word）; the standalone page opens in the browser', () => {
  const open = fakeOffice('Mac');
  const build = jest.spyOn(bulletinDownload, 'buildBulletinDownload');
  renderSection();
  expect(screen.queryByRole('button', { name: '生成通报（Word）' })).toBeNull();
  expect(screen.getByText('Mac 版 Excel 不能从任务窗格下载文件')).toBeInTheDocument();
  expect(screen.getByText(zh.bulletinSteps)).toBeInTheDocument();
  expect(zh.bulletinSteps).toContain('“概览”页');
  fireEvent.click(screen.getByRole('button', { name: zh.open }));
  expect(open).toHaveBeenCalledWith(standalonePageUrl());
  expect(build).not.toHaveBeenCalled();
});

test.each(['PC', 'OfficeOnline'])('Excel on %s: the chosen month is built and saved as a .docx', async (platform) => {
  fakeOffice(platform);
  const build = jest
    .spyOn(bulletinDownload, 'buildBulletinDownload')
    .mockResolvedValue({ name: '2023年1-2月进度通报（草稿）.docx', bytes: new Uint8Array([80, 75, 3, 4]), chartProblem: null });
  const save = renderSection();
  const month = screen.getByRole('combobox', { name: '通报月份' });
  expect(month).toHaveValue('3'); // 截至月份
  fireEvent.change(month, { target: { value: '2' } });
  fireEvent.click(screen.getByRole('button', { name: '生成通报（Word）' }));
  await waitFor(() => expect(save).toHaveBeenCalledWith(new Uint8Array([80, 75, 3, 4]), '2023年1-2月进度通报（草稿）.docx', bulletinDownload.DOCX_MIME));
  expect(build).toHaveBeenCalledWith(model, 2);
  // A month after 截至月份 is allowed, with a word on what it means.
  fireEvent.change(month, { target: { value: '5' } });
  expect(screen.getByText('所选的 5 月晚于截至月份（3 月）：5 月尚未合并的数字在通报中为空。')).toBeInTheDocument();
});
