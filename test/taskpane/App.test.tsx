/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, fireEvent, render, screen, within } from '@testing-library/react';

import { App, AppProps } from '../../src/taskpane/App';

function renderApp(props: AppProps = {}) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App {...props} />
    </FluentProvider>,
  );
}

/** The term → definition pairs of a <dl> inside a container, as text. */
function pairs(container: HTMLElement): Array<[string, string]> {
  const terms = within(container).getAllByRole('term');
  const definitions = within(container).getAllByRole('definition');
  expect(terms).toHaveLength(definitions.length);
  return terms.map((t, i) => [t.textContent ?? '', definitions[i].textContent ?? '']);
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const BUTTON = { name: '新建主表（下载 .xlsx）' };

describe('task pane App (zh-CN)', () => {
  test('shows the title, the 2023 quota card and the province totals', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: '持证进度助手' })).toBeInTheDocument();
    const card = screen.getByRole('region', { name: '2023 年度任务' });
    expect(within(card).getByText(/179 个单位/)).toBeInTheDocument();
    const totals = within(card).getByRole('group', { name: '全省合计' });
    expect(pairs(totals)).toEqual([
      ['培训任务', '1,050,000人次'],
      ['取证人数', '800,000人'],
      ['其中高级工及以上', '300,000人'],
      ['1+X证书取证人数', '150,000人'],
    ]);
  });

  test('lists the six categories with unit counts; a category without a quota shows "—", not 0', () => {
    renderApp();
    const byCategory = screen.getByRole('group', { name: '按单位类别' });
    const items = within(byCategory).getAllByRole('listitem');
    expect(items.map((li) => within(li).getByRole('heading', { level: 4 }).textContent)).toEqual([
      '省辖市',
      '济源示范区',
      '省直管县（市）',
      '本科高校',
      '高职高专院校',
      '省属中职学校',
    ]);
    const cities = items[0];
    expect(within(cities).getByText('17 个单位')).toBeInTheDocument();
    expect(pairs(cities)).toEqual([
      ['培训任务', '316,900人次'],
      ['取证人数', '241,450人'],
      ['其中高级工及以上', '—无此项任务'],
      ['1+X证书取证人数', '44,650人'],
    ]);
    expect(pairs(items[3])[2]).toEqual(['其中高级工及以上', '46,100人']);
    expect(within(items[5]).getByText('18 个单位')).toBeInTheDocument();
  });

  test('the download button builds the master, saves it as 持证进度主表-2023.xlsx and says so', async () => {
    const job = deferred<Uint8Array>();
    const buildMaster = jest.fn(() => job.promise);
    const save = jest.fn();
    renderApp({ buildMaster, save });

    const button = screen.getByRole('button', BUTTON);
    fireEvent.click(button);
    expect(buildMaster).toHaveBeenCalledTimes(1);
    expect(buildMaster.mock.calls[0]).toEqual([expect.objectContaining({ year: 2023 })]);
    expect(within(screen.getByRole('status')).getByText('正在生成主表…')).toBeInTheDocument();
    expect(button).toHaveAttribute('aria-disabled', 'true');

    fireEvent.click(button); // a second click while working does nothing
    expect(buildMaster).toHaveBeenCalledTimes(1);

    const bytes = new Uint8Array([0x50, 0x4b, 3, 4]);
    await act(async () => job.resolve(bytes));
    expect(save).toHaveBeenCalledWith(bytes, '持证进度主表-2023.xlsx');
    expect(await screen.findByText(/已生成“持证进度主表-2023.xlsx”/)).toBeInTheDocument();
    expect(screen.queryByText('正在生成主表…')).not.toBeInTheDocument();
    expect(button).not.toHaveAttribute('aria-disabled', 'true');
  });

  test('a failure shows an error message bar and lets the user try again', async () => {
    const buildMaster = jest.fn().mockRejectedValueOnce(new Error('内存不足')).mockResolvedValue(new Uint8Array([1]));
    const save = jest.fn();
    renderApp({ buildMaster, save });
    fireEvent.click(screen.getByRole('button', BUTTON));
    expect(await screen.findByText('生成主表失败')).toBeInTheDocument();
    expect(screen.getByText('内存不足')).toBeInTheDocument();
    expect(save).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', BUTTON));
    expect(await screen.findByText(/已生成/)).toBeInTheDocument();
    expect(screen.queryByText('生成主表失败')).not.toBeInTheDocument();
  });

  test('the standalone page shows no host notice', () => {
    renderApp({ hostStatus: 'standalone' });
    expect(screen.queryByRole('link', { name: /index\.html/ })).not.toBeInTheDocument();
  });

  test.each(['officeMissing', 'officeTimeout', 'notExcel'] as const)(
    'when the task pane is not in Excel (%s) it points to index.html',
    (hostStatus) => {
      renderApp({ hostStatus });
      expect(screen.getByRole('link', { name: '独立网页（index.html）' })).toHaveAttribute('href', 'index.html');
      // The rest of the app still works.
      expect(screen.getByRole('button', BUTTON)).toBeEnabled();
    },
  );

  test('inside Excel there is no notice', () => {
    renderApp({ hostStatus: 'excel' });
    expect(screen.queryByRole('link', { name: /index\.html/ })).not.toBeInTheDocument();
  });
});

describe('task pane App (en-US)', () => {
  test('uses the English strings', () => {
    renderApp({ locale: 'en-US' });
    const card = screen.getByRole('region', { name: '2023 quotas' });
    const totals = within(card).getByRole('group', { name: 'Province total' });
    expect(pairs(totals)[0]).toEqual(['Training', '1,050,000person-times']);
    expect(screen.getByRole('button', { name: 'New master workbook (download .xlsx)' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 4, name: 'Prefecture-level cities' })).toBeInTheDocument();
  });
});
