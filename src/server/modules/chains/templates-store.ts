/**
 * Chain templates in the database: every published change is a new version; the shipped templates
 * (data/chains) are loaded as version 1 when a chain has none yet.
 */
import type { TChainTemplate, TTemplateProblem } from '../../../contracts/chains.js';
import type { Db } from '../../../db/connect.js';
import { loadTemplates, nodeIndex, validateTemplate } from '../../../domain/chains/templates.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';

export async function seedChainTemplates(db: Db): Promise<number> {
  let added = 0;
  for (const t of loadTemplates()) {
    const rows = await db.query(
      `insert into chain_templates (code, version, template, note, created_by)
       select $1, $2, $3::jsonb, 'shipped template (data/chains)', 'system'
        where not exists (select 1 from chain_templates where code = $1) returning code`,
      [t.code, t.version, JSON.stringify(t)],
    );
    added += rows.length;
  }
  return added;
}

/** The current (highest) version of every chain, or of one. */
export async function currentTemplates(db: Db, code?: string): Promise<TChainTemplate[]> {
  const rows = await db.query<{ template: TChainTemplate }>(
    `select distinct on (code) template from chain_templates where ($1::text is null or code = $1)
      order by code, version desc`,
    [code ?? null],
  );
  return rows.map((r) => r.template);
}

export async function templateVersion(db: Db, code: string, version: number): Promise<TChainTemplate | undefined> {
  const [r] = await db.query<{ template: TChainTemplate }>(
    'select template from chain_templates where code = $1 and version = $2',
    [code, version],
  );
  return r?.template;
}

export async function templateVersions(db: Db, code: string) {
  return db.query<{ version: number; note: string | null; created_by: string | null; created_at: string }>(
    'select version, note, created_by, created_at from chain_templates where code = $1 order by version desc',
    [code],
  );
}

/**
 * Publishes a template as the next version of its chain after validating it against the GB/T
 * classes and the other chains; returns the problems instead when there are any.
 */
export async function publishTemplate(
  db: Db,
  t: TChainTemplate,
  who: string | null,
  note: string | null,
  audit?: AuditCtx,
): Promise<{ template?: TChainTemplate; problems: TTemplateProblem[] }> {
  const classCodes = new Set(
    (await db.query<{ code: string }>(`select code from industry_classes where level = 'class'`)).map((r) => r.code),
  );
  const others = (await currentTemplates(db)).filter((x) => x.code !== t.code);
  const problems = validateTemplate(t, { classCodes, index: nodeIndex([...others, t]) });
  if (problems.length) return { problems };
  return db.tx(async (tx) => {
    const [{ v } = { v: 0 }] = await tx.query<{ v: number }>(
      'select coalesce(max(version), 0) as v from chain_templates where code = $1',
      [t.code],
    );
    const next = { ...t, version: v + 1 };
    await tx.query(
      'insert into chain_templates (code, version, template, note, created_by) values ($1, $2, $3::jsonb, $4, $5)',
      [t.code, next.version, JSON.stringify(next), note, who],
    );
    // The version row holds the whole template; the audit row says who published which version.
    await writeAudit(tx, audit, {
      entity: 'chain_templates',
      entityId: `${t.code}:${next.version}`,
      action: 'create',
      old: v ? { version: v } : null,
      new: { code: t.code, version: next.version, note },
    });
    return { template: next, problems: [] };
  });
}
