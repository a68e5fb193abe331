/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * 设置 → 主表保管单位 (issue #13): the keeper read from the task table's title is corrected in the pane, through the
 * command layer (a write, like the pace); the downloaded master names the new keeper where init would have. A keeper
 * of another level (it would rename 全省汇总) is refused with the message that says to make a new master.
 */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';

import { FileHost } from '../../src/host/fileHost';
import { embeddedQuota2023 } from '../../src/quota/embedded2023';
import { App } from '../../src/taskpane/App';
import { readWorkbook } from '../../src/workbook/adapters/xlsxRead';
import { SHEET } from '../../src/workbook/layout';
import { readMaster } from '../../src/workbook/readMaster';

jest.setTimeout(120_000);
configure({ defaultHidden: true, asyncUtilTimeout: 20_000 });

async function openSettings(): Promise<{ host: FileHost; pane: HTMLElement }> {
  const host = new FileHost();
  await host.create(embeddedQuota2023());
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
  fireEvent.click(await screen.findByRole('tab', { name: '设置' }));
  await waitFor(() => expect(screen.getByRole('tab', { name: '设置' })).toHaveAttribute('aria-selected', 'true'));
  return { host, pane: screen.getByRole('tabpanel', { name: '设置' }) };
}

test('a corrected keeper is saved in the master and named in its titles', async () => {
  const { host, pane } = await openSettings();
  const section = within(pane).getByRole('region', { name: '主表保管单位' });
  const keeper = within(section).getByRole('textbox', { name: '主表保管单位（如“安阳市教育局”）' });
  expect(keeper).toHaveValue('河南省教育厅');
  expect(within(section).getByRole('textbox', { name: /向上级报送的名称/ })).toHaveValue('河南省');
  fireEvent.change(keeper, { target: { value: '河南省教育厅职业教育与成人教育处' } });
  fireEvent.click(within(section).getByRole('button', { name: '保存' }));
  expect(await within(section).findByText('已保存：主表保管单位“河南省教育厅职业教育与成人教育处”，向上级报送的名称“河南省”。')).toBeInTheDocument();

  const bytes = (await host.download()).bytes;
  const { model } = readMaster(readWorkbook(bytes));
  expect(model.table).toMatchObject({ keeper: '河南省教育厅职业教育与成人教育处', reportsAs: '河南省' });
  expect(String(readWorkbook(bytes).sheets.get(SHEET.readme)![0][0])).toContain('河南省教育厅职业教育与成人教育处');
});

test('a keeper of another level is refused and the master is unchanged', async () => {
  const { host, pane } = await openSettings();
  const section = within(pane).getByRole('region', { name: '主表保管单位' });
  fireEvent.change(within(section).getByRole('textbox', { name: '主表保管单位（如“安阳市教育局”）' }), { target: { value: '安阳市教育局' } });
  const before = (await host.download()).bytes;
  fireEvent.click(within(section).getByRole('button', { name: '保存' }));
  expect(await screen.findByText(/上报名称从“河南省”改为“安阳市”.*这是另一张主表，不能在原表上修改/)).toBeInTheDocument();
  expect(host.master.state().model!.table.keeper).toBe('河南省教育厅');
  expect((await host.download()).bytes).toEqual(before);
});
