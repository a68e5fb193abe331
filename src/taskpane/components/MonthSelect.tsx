import { Field, Select } from '@fluentui/react-components';

import { MONTHS } from '../../core/ledger';

export interface MonthSelectProps {
  label: string;
  value: number;
  onChange: (month: number) => void;
  monthName: (m: number) => string;
  /** Offer 0 ("not set") with this text. */
  noneLabel?: string;
  hint?: string;
  disabled?: boolean;
}

/** A labelled month picker (1–12, optionally 0). */
export function MonthSelect(props: MonthSelectProps) {
  return (
    <Field label={props.label} hint={props.hint}>
      <Select value={String(props.value)} disabled={props.disabled} onChange={(_, data) => props.onChange(Number(data.value))}>
        {props.noneLabel !== undefined && <option value="0">{props.noneLabel}</option>}
        {MONTHS.map((m) => (
          <option key={m} value={String(m)}>
            {props.monthName(m)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
