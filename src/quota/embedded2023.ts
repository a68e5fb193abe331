import seed from '../../seeds/quota-2023.json';
import { Category, QuotaTable, isCategory } from '../core/units';

/** The 2023 task table of notice 教办职成〔2023〕54号 附件1, shipped inside every build. */
export function embeddedQuota2023(): QuotaTable {
  return {
    year: seed.year,
    source: seed.source,
    units: seed.units.map((u) => {
      if (!isCategory(u.category)) throw new Error(`seed category ${u.category}`);
      return {
        id: u.id,
        name: u.name,
        category: u.category as Category,
        quota: { training: u.training, certified: u.certified, advanced: u.advanced, onePlusX: u.onePlusX },
      };
    }),
  };
}
