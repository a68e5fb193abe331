import { Combobox, Option, makeStyles } from '@fluentui/react-components';
import { useMemo, useState } from 'react';

import { Unit } from '../../core/units';

export interface UnitPickerProps {
  units: readonly Unit[];
  value: number | null;
  onChange: (unitId: number | null) => void;
  /** Accessible name (also the placeholder's context); pass labelledBy to point at a visible label instead. */
  ariaLabel?: string;
  labelledBy?: string;
  placeholder: string;
  noMatch: string;
  /** Units offered first (e.g. "是否为：…" suggestions). */
  suggested?: readonly number[];
  id?: string;
}

const useStyles = makeStyles({
  root: { minWidth: 0, maxWidth: '100%', width: '100%' },
  listbox: { maxHeight: '280px' },
});

const optionText = (u: Unit) => `${u.id} ${u.name}`;

/** A searchable combobox of the units of the task table (序号 or any part of the name). */
export function UnitPicker(props: UnitPickerProps) {
  const { units, value, onChange, suggested = [] } = props;
  const s = useStyles();
  const selected = units.find((u) => u.id === value) ?? null;
  const [query, setQuery] = useState(selected ? optionText(selected) : '');
  const [prevValue, setPrevValue] = useState(value);
  if (prevValue !== value) {
    setPrevValue(value);
    setQuery(selected ? optionText(selected) : '');
  }

  const options = useMemo(() => {
    const q = query.trim();
    const showAll = !q || (selected && q === optionText(selected));
    const matching = showAll ? [...units] : units.filter((u) => optionText(u).includes(q));
    const first = suggested.map((id) => matching.find((u) => u.id === id)).filter((u): u is Unit => !!u);
    return [...first, ...matching.filter((u) => !first.includes(u))];
  }, [query, units, selected, suggested]);

  return (
    <Combobox
      id={props.id}
      className={s.root}
      listbox={{ className: s.listbox }}
      aria-label={props.labelledBy ? undefined : props.ariaLabel}
      aria-labelledby={props.labelledBy}
      placeholder={props.placeholder}
      value={query}
      selectedOptions={selected ? [String(selected.id)] : []}
      onChange={(e) => setQuery(e.target.value)}
      onOptionSelect={(_, data) => {
        const id = data.optionValue ? Number(data.optionValue) : null;
        setQuery(data.optionText ?? '');
        onChange(id);
      }}
    >
      {options.length === 0 ? (
        <Option key="none" value="" text={props.noMatch} disabled>
          {props.noMatch}
        </Option>
      ) : (
        options.map((u) => (
          <Option key={u.id} value={String(u.id)} text={optionText(u)}>
            {optionText(u)}
          </Option>
        ))
      )}
    </Combobox>
  );
}
