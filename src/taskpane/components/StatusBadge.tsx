import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';

import { Status } from '../../core/status';
import { STATUS_BADGE } from '../statusColors';

const useStyles = makeStyles({
  badge: {
    ...typographyStyles.caption1Strong,
    display: 'inline-block',
    padding: '1px 8px',
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'nowrap',
    lineHeight: '18px',
  },
  ok: { backgroundColor: STATUS_BADGE.ok.background, color: STATUS_BADGE.ok.color },
  amber: { backgroundColor: STATUS_BADGE.amber.background, color: STATUS_BADGE.amber.color },
  red: { backgroundColor: STATUS_BADGE.red.background, color: STATUS_BADGE.red.color },
  none: { backgroundColor: STATUS_BADGE.none.background, color: STATUS_BADGE.none.color },
});

/** A status as coloured text: the label is always there, the colour only repeats it. */
export function StatusBadge(props: { status: Status; label: string; className?: string }) {
  const s = useStyles();
  return (
    <span className={mergeClasses(s.badge, s[props.status], props.className)} data-status={props.status}>
      {props.label}
    </span>
  );
}
