import { createContext, useContext } from 'react';

import { AssistantHost } from '../host/host';
import { MasterModel } from '../workbook/model';
import { ReportParser } from './reportParser';
import { Locale, Strings } from './strings';

export type ErrorKind = keyof Strings['errorTitle'];

/** What every screen gets from the App: the host (the only way to the master), strings, and shared actions. */
export interface Pane {
  t: Strings;
  locale: Locale;
  host: AssistantHost;
  model: MasterModel;
  parser: ReportParser;
  /** After a call of host.master (the model follows by itself): `changed` marks the master as not downloaded yet. */
  refresh(changed: boolean): void;
  /**
   * Run a host call. An error becomes a MessageBar saying what to fix (and that the master is
   * unchanged); the result is undefined then.
   */
  run<T>(kind: ErrorKind, action: () => Promise<T>): Promise<T | undefined>;
  /** `run` for a call that returns nothing: true when it succeeded. */
  act(kind: ErrorKind, action: () => Promise<unknown>): Promise<boolean>;
  /** Today, for defaults (a seam for tests). */
  today(): Date;
}

export const PaneContext = createContext<Pane | null>(null);

export function usePane(): Pane {
  const pane = useContext(PaneContext);
  if (!pane) throw new Error('usePane outside the App');
  return pane;
}

/** Shared layout styles' numbers. */
export const NARROW = '@media (max-width: 560px)';
