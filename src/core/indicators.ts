/** The four indicators of the notice, in the order the notice and the report form list them. */
export type IndicatorKey = 'training' | 'certified' | 'advanced' | 'onePlusX';

export interface Indicator {
  key: IndicatorKey;
  /** Label as the notice prints it. */
  label: string;
  /** Short label for sheet names and narrow columns. */
  shortLabel: string;
  /** Counting unit: 人次 for training, 人 for the certificates. */
  unit: '人次' | '人';
}

export const INDICATORS: readonly Indicator[] = [
  { key: 'training', label: '培训任务', shortLabel: '培训任务', unit: '人次' },
  { key: 'certified', label: '取证人数', shortLabel: '取证人数', unit: '人' },
  { key: 'advanced', label: '其中高级工及以上', shortLabel: '高级工及以上', unit: '人' },
  { key: 'onePlusX', label: '1+X证书取证人数', shortLabel: '1+X证书', unit: '人' },
];

export const INDICATOR_KEYS: readonly IndicatorKey[] = INDICATORS.map((i) => i.key);

export function indicatorByKey(key: IndicatorKey): Indicator {
  const found = INDICATORS.find((i) => i.key === key);
  if (!found) throw new Error(`unknown indicator ${key}`);
  return found;
}

/** A value per indicator. */
export type PerIndicator<T> = Record<IndicatorKey, T>;

export function perIndicator<T>(make: (key: IndicatorKey) => T): PerIndicator<T> {
  return {
    training: make('training'),
    certified: make('certified'),
    advanced: make('advanced'),
    onePlusX: make('onePlusX'),
  };
}
