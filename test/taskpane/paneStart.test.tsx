/** @jest-environment ./test/taskpane/jsdomEnvironment.js */
/*
 * taskpane.html's start (src/taskpane/paneStart.ts): when Office.onReady answers only after the timeout, the pane
 * leaves the file host for the Excel host, at once when the in-page host has no master, on the coordinator's
 * click otherwise. First with a fake render (what is mounted, in which order), then with the real App in jsdom.
 */
import '@testing-library/jest-dom';
import { act, configure, fireEvent, screen, waitFor } from '@testing-library/react';

import { FileHost } from '../../src/host/fileHost';
import { AssistantHost } from '../../src/host/host';
import { mount } from '../../src/taskpane/mount';
import { OfficeWait, watchOffice } from '../../src/taskpane/officeReady';
import { LateOutcome, MountedPane, PaneProps, SWITCH_TO_EXCEL_TEXT, startPane } from '../../src/taskpane/paneStart';
import { mainThreadParser } from '../../src/taskpane/reportParser';
import { masterInFake, table2023 } from '../host/helpers';

jest.setTimeout(60_000);
configure({ defaultHidden: true, asyncUtilTimeout: 15_000 });

/** A stand-in host: only the fields startPane reads. */
function fakeHost(kind: 'excel' | 'file', model: unknown = null): AssistantHost {
  return { kind, master: { state: () => ({ model }) } } as unknown as AssistantHost;
}

/** A fake render that records what was mounted, updated and unmounted. */
function recorder() {
  const events: Array<[string, PaneProps | null]> = [];
  const render = (props: PaneProps): MountedPane => {
    events.push(['render', props]);
    return { update: (p) => events.push(['update', p]), unmount: () => events.push(['unmount', null]) };
  };
  const summary = () => events.map(([what, p]) => (p ? `${what} ${p.host.kind} ${p.hostStatus}${p.switchToExcel ? ' +switch' : ''}` : what));
  return { events, render, summary };
}

function lateWait(answer: Promise<OfficeWait['late'] extends Promise<infer A> | undefined ? A : never>): Promise<OfficeWait> {
  return Promise.resolve({ status: 'officeTimeout', late: answer });
}

describe('startPane with a fake render', () => {
  test('Excel in time: the Excel host at once, no late answer', async () => {
    const r = recorder();
    const excel = fakeHost('excel');
    const fileHost = jest.fn(async () => fakeHost('file'));
    const start = await startPane({
      watch: async () => ({ status: 'excel' }),
      excelHost: async () => excel,
      fileHost,
      render: r.render,
      locale: () => 'zh-CN',
    });
    expect(r.summary()).toEqual(['render excel excel']);
    expect(fileHost).not.toHaveBeenCalled(); // nor SheetJS, which comes with it
    await expect(start.late).resolves.toBe('none');
  });

  test('the Excel host failing to load: the file host, officeMissing', async () => {
    const r = recorder();
    const log = jest.fn();
    await startPane({
      watch: async () => ({ status: 'excel' }),
      excelHost: () => Promise.reject(new Error('chunk')),
      fileHost: async () => fakeHost('file'),
      render: r.render,
      locale: () => undefined,
      log,
    });
    expect(r.summary()).toEqual(['render file officeMissing']);
    expect(log).toHaveBeenCalledTimes(1);
  });

  test('late Excel, nothing open in the page: switched to the Excel host', async () => {
    const r = recorder();
    let answer!: (s: 'excel') => void;
    const late = new Promise<'excel'>((resolve) => (answer = resolve));
    const start = await startPane({
      watch: () => lateWait(late),
      excelHost: async () => fakeHost('excel'),
      fileHost: async () => fakeHost('file'),
      render: r.render,
      locale: (inExcel) => (inExcel ? 'en-US' : 'zh-CN'),
    });
    expect(r.summary()).toEqual(['render file officeTimeout']);
    answer('excel');
    await expect(start.late).resolves.toBe<LateOutcome>('switched');
    expect(r.summary()).toEqual(['render file officeTimeout', 'unmount', 'render excel excel']);
    expect(r.events[2][1]!.locale).toBe('en-US'); // Office's display language, known only now
  });

  test('late Excel with a master open in the page: the switch is offered, and done on request', async () => {
    jest.useFakeTimers();
    try {
      const r = recorder();
      const start = await startPane({
        watch: () => lateWait(Promise.resolve('excel')),
        excelHost: async () => fakeHost('excel'),
        fileHost: async () => fakeHost('file', { year: 2023 }),
        render: r.render,
        locale: () => 'zh-CN',
      });
      await expect(start.late).resolves.toBe<LateOutcome>('offered');
      expect(r.summary()).toEqual(['render file officeTimeout', 'update file officeTimeout +switch']);
      r.events[1][1]!.switchToExcel!();
      expect(r.summary()).toHaveLength(2); // not while React handles the click
      await jest.advanceTimersByTimeAsync(0);
      expect(r.summary()).toEqual(['render file officeTimeout', 'update file officeTimeout +switch', 'unmount', 'render excel excel']);
    } finally {
      jest.useRealTimers();
    }
  });

  test.each(['notExcel', 'officeMissing'] as const)('a late answer that is not Excel (%s): the file host stays, the notice says so', async (answer) => {
    const r = recorder();
    const start = await startPane({
      watch: () => lateWait(Promise.resolve(answer)),
      excelHost: jest.fn(),
      fileHost: async () => fakeHost('file'),
      render: r.render,
      locale: () => 'zh-CN',
    });
    await expect(start.late).resolves.toBe<LateOutcome>('kept');
    expect(r.summary()).toEqual(['render file officeTimeout', `update file ${answer}`]);
  });
});

describe('startPane with the real App and a slow Office.onReady', () => {
  /** office.js whose onReady answers "Excel" only when the test calls answer() (long after the 100 ms timeout). */
  function slowOffice() {
    let answer!: () => void;
    const ready = new Promise((resolve) => (answer = () => resolve({ host: 'Excel', platform: 'PC' })));
    return { office: { onReady: () => ready }, answer };
  }

  async function start(fileHost: FileHost) {
    const { office, answer } = slowOffice();
    const container = document.createElement('div');
    document.body.appendChild(container);
    const { host: excel } = await masterInFake(table2023);
    const parser = mainThreadParser();
    let late!: Promise<LateOutcome>;
    await act(async () => {
      const s = await startPane({
        watch: () => watchOffice({ Office: office }, 100),
        excelHost: async () => excel,
        fileHost: async () => fileHost,
        locale: () => 'zh-CN',
        render: (props) => {
          const app = mount(container, { ...props, parser });
          return { update: (p) => app.update({ ...p, parser }), unmount: () => app.unmount() };
        },
      });
      late = s.late;
    });
    return { container, late, answer };
  }

  afterEach(() => {
    document.body.innerHTML = '';
  });

  test('nothing opened in the page meanwhile: the pane comes up on the file host, then works on the workbook', async () => {
    const { container, late, answer } = await start(new FileHost());
    expect(screen.getByText('Excel 未响应')).toBeInTheDocument();
    answer();
    await act(async () => {
      await expect(late).resolves.toBe('switched');
    });
    await waitFor(() => expect(screen.getByText('主表：当前工作簿')).toBeInTheDocument());
    expect(screen.queryByText('Excel 未响应')).toBeNull();
    expect(container.textContent).not.toContain('打开主表…'); // a file-host action
  });

  test('a master created in the page meanwhile: kept until the coordinator asks to switch', async () => {
    const file = new FileHost();
    await file.create(table2023);
    const { late, answer } = await start(file);
    expect(screen.getByText('Excel 未响应')).toBeInTheDocument();
    answer();
    await act(async () => {
      await expect(late).resolves.toBe('offered');
    });
    const text = SWITCH_TO_EXCEL_TEXT['zh-CN'];
    await waitFor(() => expect(screen.getByText(text.title)).toBeInTheDocument());
    expect(screen.getByText('主表：持证进度主表-2023.xlsx')).toBeInTheDocument();
    expect(screen.queryByText('Excel 未响应')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: text.button }));
    await waitFor(() => expect(screen.getByText('主表：当前工作簿')).toBeInTheDocument());
    expect(screen.queryByText(text.title)).toBeNull();
  });
});
