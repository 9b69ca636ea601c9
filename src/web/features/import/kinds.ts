/** Import kinds for the UI: names and columns come from the importer's own definitions. */
import { IMPORT_KINDS, type ImportKind, KINDS } from '../../../domain/import/kinds';

export { IMPORT_KINDS, KINDS };
export type KindChoice = ImportKind | 'all';

export function isKindChoice(v: string | undefined): v is KindChoice {
  return v === 'all' || (IMPORT_KINDS as readonly string[]).includes(v ?? '');
}

/** "企业" / "Enterprises": the sheet name doubles as the kind's name. */
export function kindName(kind: ImportKind, en: boolean): string {
  const s = KINDS[kind].sheet;
  return en ? s.en : s.zh;
}
