import { Body1Strong, Button, Caption1, Field, Textarea, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { CopyRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';

import { dueDay } from '../../core/validate';
import { copyText } from '../clipboard';
import { MonthSelect } from '../components/MonthSelect';
import { Notice } from '../components/Notice';
import { SaveFile, TemplatesDownload } from '../components/TemplatesDownload';
import { monthInViewOrFirst, useFollowingMonth } from '../followMonth';
import { missingByCategory, reminderText } from '../overviewData';
import { usePane } from '../pane';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '12px' },
  p: { margin: 0 },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: '8px 24px' },
  monthField: { width: '160px', maxWidth: '100%' },
  due: { display: 'flex', flexDirection: 'column', rowGap: '2px' },
  groups: { display: 'flex', flexDirection: 'column', rowGap: '10px' },
  group: { display: 'flex', flexDirection: 'column', rowGap: '4px' },
  h2: { ...typographyStyles.subtitle2, margin: 0 },
  h3: { ...typographyStyles.body1Strong, margin: 0 },
  names: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: '4px 6px',
  },
  name: {
    ...typographyStyles.caption1,
    padding: '2px 8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  text: { width: '100%' },
});

/** 催报: what goes out to the units — this month's templates first, then who has not reported. */
export function Reminders(props: { save: SaveFile }) {
  const { t, model } = usePane();
  const s = useStyles();
  const [month, setMonth] = useFollowingMonth(model.month, monthInViewOrFirst);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'manual'>('idle');
  const [copies, setCopies] = useState(0);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const year = model.table.year;
  const groups = useMemo(() => missingByCategory(model, month), [model, month]);
  const total = groups.reduce((n, g) => n + g.units.length, 0);
  const text = useMemo(
    () => reminderText({ heading: t.reminderHeading, group: t.reminderGroup, total: t.reminderTotal, separator: t.listSeparator }, year, month, groups),
    [t, year, month, groups],
  );

  useEffect(() => {
    if (copy === 'manual' && textRef.current) {
      textRef.current.focus();
      textRef.current.select();
    }
  }, [copy]);

  async function onCopy() {
    setCopy((await copyText(text)) ? 'copied' : 'manual');
    setCopies((n) => n + 1);
  }

  return (
    <div className={s.root}>
      <TemplatesDownload save={props.save} />
      <h2 className={s.h2}>{t.remindTitle}</h2>
      <Caption1 as="p" className={s.p}>
        {t.remindIntro}
      </Caption1>
      <div className={s.top}>
        <div className={s.monthField}>
          <MonthSelect
            label={t.remindMonth}
            value={month}
            onChange={(m) => {
              setMonth(m);
              setCopy('idle');
            }}
            monthName={t.monthName}
          />
        </div>
        <div className={s.due}>
          <Body1Strong>{t.dueDate(year, month, dueDay(year, month))}</Body1Strong>
          <Caption1>{total ? t.missingTotal(total) : t.allReported}</Caption1>
        </div>
      </div>
      {total > 0 && (
        <>
          <div>
            <Button appearance="primary" icon={<CopyRegular />} onClick={onCopy}>
              {t.copyList}
            </Button>
          </div>
          <div>
            {copy === 'copied' && (
              <Notice key={copies} intent="success">
                {t.copied}
              </Notice>
            )}
            {copy === 'manual' && (
              <Notice key={copies} intent="warning">
                {t.copyFallback}
              </Notice>
            )}
          </div>
          {copy === 'manual' && (
            <Field label={t.copyTextLabel}>
              <Textarea ref={textRef} className={s.text} readOnly value={text} rows={6} resize="vertical" />
            </Field>
          )}
          <div className={s.groups}>
            {groups.map((g) => (
              <section key={g.category} className={s.group} aria-label={`${t.categoryLabel(g.category)}（${g.units.length}）`}>
                <h3 className={s.h3}>
                  {t.categoryLabel(g.category)}（{g.units.length}）
                </h3>
                <ul className={s.names}>
                  {g.units.map((u) => (
                    <li key={u.id} className={s.name}>
                      {u.name}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </>
      )}
    </div>
  );
}
