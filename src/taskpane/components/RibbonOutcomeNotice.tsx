import { Button, makeStyles, typographyStyles } from '@fluentui/react-components';

import type { Outcome } from '../../workflow/operations';
import type { Locale } from '../strings';
import { Notice } from './Notice';

/**
 * What the last ribbon command (本月合并, 撤销合并) did, at the top of the pane: the ribbon has no place of its own
 * to say it, and opens the pane when there is something to read (src/commands/commands.ts). Each rejected
 * report with its reason and each warning come from the outcome's details; the message texts are Chinese (as the
 * command layer writes them), the frame follows the UI language.
 */
export const RIBBON_OUTCOME_TEXT: Record<Locale, { title: Record<'mergeSheets' | 'undo', string>; dismiss: string; at: (time: string) => string }> = {
  'zh-CN': {
    title: { mergeSheets: '功能区“本月合并”的结果', undo: '功能区“撤销合并”的结果' },
    dismiss: '知道了',
    at: (time) => `（${time}）`,
  },
  'en-US': {
    title: { mergeSheets: 'Result of 本月合并 (ribbon)', undo: 'Result of 撤销合并 (ribbon)' },
    dismiss: 'Dismiss',
    at: (time) => ` (${time})`,
  },
};

const useStyles = makeStyles({
  list: { margin: '4px 0', paddingLeft: '18px', ...typographyStyles.caption1, overflowWrap: 'anywhere' },
  dismiss: { marginTop: '4px' },
});

export function RibbonOutcomeNotice(props: { outcome: Outcome; locale: Locale; onDismiss: () => void }) {
  const { outcome, locale } = props;
  const s = useStyles();
  const text = RIBBON_OUTCOME_TEXT[locale];
  const title = `${outcome.operation === 'undo' ? text.title.undo : text.title.mergeSheets}${outcome.time ? text.at(outcome.time) : ''}`;
  const intent = !outcome.ok ? 'error' : outcome.needsAttention ? 'warning' : 'success';
  // An error's one detail repeats its summary.
  const details = outcome.details.filter((d) => d !== outcome.summary);
  return (
    <div data-testid="ribbon-outcome" data-outcome={outcome.id}>
      <Notice intent={intent} title={title}>
        {outcome.summary}
        {details.length > 0 && (
          <ul className={s.list}>
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
        <div className={s.dismiss}>
          <Button size="small" onClick={props.onDismiss}>
            {text.dismiss}
          </Button>
        </div>
      </Notice>
    </div>
  );
}
