/** The cockpit's reference data (staleness rules) and demo data (the articles' programme targets). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZTargetInput } from '../../../contracts/cockpit.js';
import type { Db } from '../../../db/connect.js';
import { DATA_DIR } from '../../../db/reference.js';
import { createTarget } from './targets.js';

const read = <T>(name: string): T => JSON.parse(readFileSync(join(DATA_DIR, 'cockpit', name), 'utf8')) as T;

/** Staleness rules: inserted when missing; a rule changed by an administrator stays as changed. */
export async function seedStalenessRules(tx: Db): Promise<void> {
  const rules = read<unknown[]>('staleness-rules.json');
  await tx.query(
    `insert into cockpit_staleness_rules (kind, label, label_en, period, grace_days, owner, note)
     select r.kind, r.label, r."labelEn", r.period, r."graceDays", r.owner, r.note
       from jsonb_to_recordset($1::jsonb) as r(kind text, label text, "labelEn" text, period text, "graceDays" int, owner text, note text)
     on conflict (kind) do nothing`,
    [JSON.stringify(rules)],
  );
}

/** The programme targets of the articles, through the targets use case (each audited as the demo's). */
export async function seedTargets(tx: Db): Promise<number> {
  const list = read<unknown[]>('targets.json').map((t) => ZTargetInput.parse(t));
  for (const t of list) await createTarget(tx, t, undefined, { via: 'demo' });
  return list.length;
}
