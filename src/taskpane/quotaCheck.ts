import { QuotaTable } from '../core/units';
import { ChosenCategories, QuotaImport, importQuotaFile, importQuotaText } from '../quota/importTable';

/** What the coordinator gave: text pasted from the notice's PDF, or a file (workbook, CSV or text). */
export type QuotaInput = { kind: 'text'; text: string } | { kind: 'file'; name: string; bytes: Uint8Array };

/** A unit whose category the importer could not tell: the coordinator chooses one. */
export interface UndecidedUnit {
  /** `序号 名称`, as the importer lists it; also the key of the choice. */
  key: string;
  id: number;
  name: string;
}

export interface QuotaCheck {
  /** The table to create the master from; null while anything is refused or a category is still to choose. */
  table: QuotaTable | null;
  /** The importer's messages, verbatim (the one asking for categories is replaced by `undecided`). */
  problems: string[];
  /** Against the previous list, as the importer reports it. */
  changes: QuotaImport['changes'];
  undecided: UndecidedUnit[];
}

function runImporter(input: QuotaInput, year: number, source: string, previous: QuotaTable, chosen: ChosenCategories): QuotaImport {
  return input.kind === 'text' ? importQuotaText(input.text, year, source, previous, chosen) : importQuotaFile(input.bytes, year, source, previous, chosen);
}

const keyOf = (u: { id: number; name: string }) => `${u.id} ${u.name}`;

/**
 * The importer's check, plus categories chosen in the task pane for the units it could not place. The units
 * to ask about come from a run without choices, so their selects stay while the coordinator fills them in; the
 * importer's own request for a 类别 column (meant for files) is replaced by those selects.
 */
export function checkQuota(input: QuotaInput, year: number, source: string, previous: QuotaTable, chosen: ReadonlyMap<string, string> = new Map()): QuotaCheck {
  const first = runImporter(input, year, source, previous, new Map());
  const undecided = first.undecided.map((u) => ({ key: keyOf(u), id: u.id, name: u.name }));
  if (undecided.length === 0) return { table: first.table, problems: first.problems, changes: first.changes, undecided };
  const byId = new Map(undecided.filter((u) => chosen.has(u.key)).map((u) => [u.id, chosen.get(u.key)!]));
  const second = runImporter(input, year, source, previous, byId);
  // Until every unit has a category the importer still asks for the column: that request is not shown.
  const problems = second.undecided.length ? second.problems.filter((p) => !second.undecided.some((u) => p.includes(keyOf(u)))) : second.problems;
  return { table: second.table, problems, changes: first.changes, undecided };
}
