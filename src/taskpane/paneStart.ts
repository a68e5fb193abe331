/*
 * How taskpane.html comes up: in Excel on the open workbook (ExcelHost); otherwise on an in-page master (FileHost)
 * with a notice. When Office.onReady answers only after the timeout (a slow Excel start), the pane does not stay on
 * the file host: with the shared runtime the page lives as long as the workbook, so closing and reopening the pane
 * would not reload it. It switches to the Excel host at once when the in-page host holds no master yet, and
 * otherwise offers the switch (App's switchToExcel), so an in-page master is never dropped unasked.
 */
import type { AssistantHost } from '../host/host';
import type { OfficeWait } from './officeReady';
import type { HostStatus, Locale } from './strings';

/** What the pane is mounted with (the rest of AppProps is fixed by the entry). */
export interface PaneProps {
  host: AssistantHost;
  hostStatus: HostStatus;
  locale?: Locale;
  switchToExcel?: () => void;
}

/** A mounted pane (src/taskpane/mount.tsx). */
export interface MountedPane {
  update(props: PaneProps): void;
  unmount(): void;
}

export interface PaneStartDeps {
  /** Office.onReady with its timeout (officeReady.ts watchOffice). */
  watch(): Promise<OfficeWait>;
  /** The add-in's shared ExcelHost (lazy chunk). */
  excelHost(): Promise<AssistantHost>;
  /** A new in-page host (lazy chunk: it brings SheetJS, which Excel does not need at start). */
  fileHost(): Promise<AssistantHost>;
  /** Renders the pane into the page (replacing what is there). */
  render(props: PaneProps): MountedPane;
  /** The UI language once Excel is there (Office.context.displayLanguage → zh-CN / en-US). */
  locale(inExcel: boolean): Locale | undefined;
  /** Unexpected failures (console.error). */
  log?(error: unknown): void;
}

/** What became of a late Office.onReady: switched at once, switch offered, kept (not Excel), or no late answer. */
export type LateOutcome = 'switched' | 'offered' | 'kept' | 'none';

export interface PaneStart {
  status: HostStatus;
  host: AssistantHost;
  late: Promise<LateOutcome>;
}

export async function startPane(deps: PaneStartDeps): Promise<PaneStart> {
  const log = deps.log ?? ((e: unknown) => console.error(e));
  const wait = await deps.watch();
  let status = wait.status;
  let host: AssistantHost | null = null;
  if (status === 'excel') {
    try {
      host = await deps.excelHost();
    } catch (e) {
      log(e);
      status = 'officeMissing';
    }
  }
  if (!host) host = await deps.fileHost();
  let props: PaneProps = { host, hostStatus: status, locale: deps.locale(status === 'excel') };
  let pane = deps.render(props);

  const late: Promise<LateOutcome> = !wait.late
    ? Promise.resolve('none')
    : wait.late.then(async (answer): Promise<LateOutcome> => {
        if (answer !== 'excel') {
          // Now the notice can say what is really the matter.
          props = { ...props, hostStatus: answer };
          pane.update(props);
          return 'kept';
        }
        let excel: AssistantHost;
        try {
          excel = await deps.excelHost();
        } catch (e) {
          log(e);
          return 'kept';
        }
        const switchNow = () => {
          pane.unmount();
          props = { host: excel, hostStatus: 'excel', locale: deps.locale(true) };
          pane = deps.render(props);
        };
        if (props.host.master.state().model === null) {
          switchNow();
          return 'switched';
        }
        // From the button: after React has finished handling the click that unmounts its own root.
        props = { ...props, switchToExcel: () => void setTimeout(switchNow, 0) };
        pane.update(props);
        return 'offered';
      });
  return { status, host, late };
}

/** The notice offering the switch (App, when switchToExcel is set), per UI language. */
export const SWITCH_TO_EXCEL_TEXT: Record<Locale, { title: string; body: string; button: string }> = {
  'zh-CN': {
    title: 'Excel 已就绪',
    body: 'Excel 这次就绪得较慢，任务窗格暂时打开的是本页中的主表。切换后将改为处理当前工作簿，本页中的主表会关闭：如有尚未下载的修改，请先点“下载主表”。',
    button: '改为处理当前工作簿',
  },
  'en-US': {
    title: 'Excel is ready',
    body: 'Excel took longer than usual to get ready, so the task pane opened a master held in this page. Switching works on the current workbook instead and closes the master in this page: download it first if it has changes.',
    button: 'Work on the current workbook',
  },
};
