import seed from '../../seeds/quota-2023.json';
import { INDICATORS_2023 } from '../core/indicators';
import { QuotaTable } from '../core/units';

/** The categories of 附件1 of the 2023 notice, in its order (济源示范区 keeps its own label). */
export const CATEGORIES_2023: readonly string[] = ['省辖市', '济源示范区', '省直管县（市）', '本科高校', '高职高专院校', '省属中职学校'];

/** The 说明 printed under 附件2 of the 2023 notice. */
export const FORM_NOTE_2023 =
  '说明：取得人力资源社会保障部公布的《国家职业资格目录（2021年版）》中所列各种职业资格证书（如教师资格证书、法律职业资格证书等）的数量可计入“取证人数”，但没有技能等级的不可计入“高级工及以上”。';

/** Who keeps the province's master, and the name it reports upward as. */
export const PROVINCE_KEEPER_2023 = { keeper: '河南省教育厅', reportsAs: '河南省' } as const;

/** The 2023 task table of notice 教办职成〔2023〕54号 附件1, shipped inside every build. */
export function embeddedQuota2023(): QuotaTable {
  return {
    year: seed.year,
    source: seed.source,
    ...PROVINCE_KEEPER_2023,
    indicators: INDICATORS_2023.map((i) => ({ ...i })),
    categories: [...CATEGORIES_2023],
    units: seed.units.map((u) => {
      if (!CATEGORIES_2023.includes(u.category)) throw new Error(`seed category ${u.category}`);
      return {
        id: u.id,
        name: u.name,
        category: u.category,
        quota: { training: u.training, certified: u.certified, advanced: u.advanced, onePlusX: u.onePlusX },
      };
    }),
  };
}
