/**
 * The policy library: policies with their documents, validity and issuer; each version's clauses as
 * conditions (domain/services/conditions.ts); eligibility per firm naming the failing condition and
 * value; a test run of draft conditions against the registry; a firm's what-if; the 免申即享 list of a
 * policy (qualifying firms, no application) as JSON or a workbook; pushes to eligible firms' inboxes.
 */
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import type { TPolicy, TPolicyInput, ZCondition, ZWhatIf } from '../../../contracts/services.js';
import type { Db } from '../../../db/connect.js';
import {
  type CompiledPolicy,
  type Condition,
  compilePolicy,
  explain,
  FIELDS,
  type FirmFacts,
  quickVerdict,
  validateConditions,
} from '../../../domain/services/conditions.js';
import { AppError, forbidden, invalid, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { Sql } from '../../lib/sql.js';
import { writeAudit } from '../../platform/audit.js';
import { notify } from '../../platform/inbox/index.js';
import { policyOf } from '../../platform/policy/registry.js';
import type { Actor } from '../auth/actor.js';
import { firmScope } from './policy.js';
import { assertServes, nowOf } from './tickets.js';

type TCondition = z.infer<typeof ZCondition>;

interface PolicyRow extends Record<string, unknown> {
  id: number;
  code: string;
  title: string;
  title_en: string | null;
  issuer: string;
  document_no: string | null;
  document_url: string | null;
  valid_from: string | null;
  valid_until: string | null;
  auto_grant: boolean;
  summary: string;
  current_version: number;
  conditions: TCondition[];
  synthetic: boolean;
  version: number;
}

const POLICIES = `(select p.id, p.code, p.title, p.title_en, p.issuer, p.document_no, p.document_url,
    to_char(p.valid_from, 'YYYY-MM-DD') as valid_from, to_char(p.valid_until, 'YYYY-MM-DD') as valid_until,
    p.auto_grant, p.summary, p.current_version, v.conditions, p.synthetic, p.version
  from service_policies p join service_policy_versions v on v.policy_id = p.id and v.version_no = p.current_version)`;

const present = (r: PolicyRow): TPolicy => ({
  id: r.id,
  code: r.code,
  title: r.title,
  titleEn: r.title_en,
  issuer: r.issuer,
  documentNo: r.document_no,
  documentUrl: r.document_url,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  autoGrant: r.auto_grant,
  summary: r.summary,
  currentVersion: r.current_version,
  conditions: r.conditions,
  synthetic: r.synthetic,
  version: r.version,
});

export async function listPolicies(db: Db, f: { current?: boolean; on?: string } = {}): Promise<TPolicy[]> {
  const on = f.on ?? new Date().toISOString().slice(0, 10);
  const rows = await db.query<PolicyRow>(
    `select * from ${POLICIES} t ${f.current ? `where (t.valid_from is null or t.valid_from <= $1) and (t.valid_until is null or t.valid_until >= $1)` : ''}
      order by t.id`,
    f.current ? [on] : [],
  );
  return rows.map(present);
}

export async function getPolicy(db: Db, id: number): Promise<TPolicy> {
  const [r] = await db.query<PolicyRow>(`select * from ${POLICIES} t where t.id = $1`, [id]);
  if (!r) throw notFound();
  return present(r);
}

/** Refuses conditions on an unknown field, with an operator the field lacks or a value of the wrong type. */
async function assertConditions(db: Db, conditions: readonly TCondition[], at: string = 'conditions'): Promise<void> {
  const tiers = new Set((await db.query<{ code: string }>('select code from tiers')).map((t) => t.code));
  const problems = validateConditions(conditions as Condition[], tiers);
  if (problems.length > 0) {
    throw invalid(
      problems.map((p) =>
        fieldProblem([at, p.index, p.key], p.code, {
          zh: [p.detail.field, p.detail.op, p.detail.expected && `应为 ${p.detail.expected}`].filter(Boolean).join(' '),
          en: [p.detail.field, p.detail.op, p.detail.expected && `expected ${p.detail.expected}`]
            .filter(Boolean)
            .join(' '),
        }),
      ),
    );
  }
}

export async function savePolicy(
  db: Db,
  id: number | null,
  input: TPolicyInput & { synthetic?: boolean },
  ctx: Ctx,
): Promise<TPolicy> {
  if (ctx.actor?.readOnly) throw forbidden();
  if (input.validFrom && input.validUntil && input.validUntil < input.validFrom)
    throw invalid([fieldProblem(['validUntil'], 'date_order')]);
  return db.tx(async (tx) => {
    await assertConditions(tx, input.conditions);
    const cols = [
      input.code,
      input.title,
      input.titleEn ?? null,
      input.issuer,
      input.documentNo ?? null,
      input.documentUrl ?? null,
      input.validFrom ?? null,
      input.validUntil ?? null,
      input.autoGrant,
      input.summary,
    ];
    let policyId: number;
    let versionNo: number;
    let old: TPolicy | null = null;
    if (id === null) {
      const [r] = await tx.query<{ id: number }>(
        `insert into service_policies (code, title, title_en, issuer, document_no, document_url, valid_from, valid_until, auto_grant, summary, synthetic)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
        [...cols, input.synthetic ?? false],
      );
      policyId = r?.id as number;
      versionNo = 1;
    } else {
      old = await getPolicy(tx, id);
      policyId = id;
      versionNo = old.currentVersion + 1;
      await tx.query(
        `update service_policies set code = $2, title = $3, title_en = $4, issuer = $5, document_no = $6, document_url = $7,
           valid_from = $8, valid_until = $9, auto_grant = $10, summary = $11, current_version = $12,
           version = version + 1, updated_at = now() where id = $1`,
        [id, ...cols, versionNo],
      );
    }
    await tx.query(
      `insert into service_policy_versions (policy_id, version_no, conditions, note, created_by, created_at) values ($1, $2, $3::jsonb, $4, $5, $6)`,
      [
        policyId,
        versionNo,
        JSON.stringify(input.conditions),
        input.note,
        ctx.actor?.userId ?? null,
        new Date(nowOf(ctx)),
      ],
    );
    const { synthetic: _s, ...rest } = input;
    await writeAudit(tx, ctx, {
      entity: 'service_policies',
      entityId: policyId,
      action: id === null ? 'create' : 'update',
      old: old ? { ...old } : null,
      new: { ...rest, version: versionNo },
    });
    return getPolicy(tx, policyId);
  });
}

export async function policyVersions(db: Db, id: number) {
  await getPolicy(db, id);
  const rows = await db.query<{ version_no: number; conditions: TCondition[]; note: string; created_at: Date }>(
    'select version_no, conditions, note, created_at from service_policy_versions where policy_id = $1 order by version_no desc',
    [id],
  );
  return rows.map((r) => ({
    version: r.version_no,
    conditions: r.conditions,
    note: r.note,
    createdAt: r.created_at.toISOString(),
  }));
}

// ───────────── firm facts from the registry ─────────────
interface FactRow extends Record<string, unknown> {
  id: number;
  name: string;
  credit_code: string | null;
  region_code: string | null;
  chain_code: string | null;
  chain_stage: string | null;
  industry_class_code: string | null;
  scale: string | null;
  is_chain_leader: boolean;
  age_days: number | null;
  honours: { tierCode: string; validUntil?: string | null }[];
  revenue_wan: number | null;
  prev_revenue_wan: number | null;
  tax_wan: number | null;
  rnd_wan: number | null;
  rnd_staff: number | null;
  employees: number | null;
  patents_invention: number | null;
  land_mu: number | null;
  park_id: number | null;
}

const FACTS = `select e.id, e.name, e.credit_code, e.region_code, e.chain_code, e.chain_stage, e.industry_class_code, e.scale,
    e.is_chain_leader, (current_date - e.founded_on) as age_days, e.honours,
    m.revenue_wan, pm.revenue_wan as prev_revenue_wan, m.tax_wan, m.rnd_wan, m.rnd_staff, m.employees, m.patents_invention, m.land_mu,
    (select b.park_id from occupancies oc join units u on u.id = oc.unit_id join floors f on f.id = u.floor_id
       join buildings b on b.id = f.building_id
      where oc.enterprise_id = e.id and (oc.ended_on is null or oc.ended_on >= current_date)
      order by oc.started_on desc nulls last, oc.id desc limit 1) as park_id
  from enterprises e
  left join lateral (select * from enterprise_metrics x where x.enterprise_id = e.id order by x.year desc limit 1) m on true
  left join lateral (select revenue_wan from enterprise_metrics x where x.enterprise_id = e.id and x.year = m.year - 1) pm on true`;

const ratio = (a: number | null, b: number | null, k = 100) =>
  a === null || b === null || b === 0 ? null : Math.round((a / b) * k * 100) / 100;

/** A registry row as the facts conditions read. */
export function factsOf(r: FactRow, today: string): FirmFacts {
  const tiers = new Set((r.honours ?? []).filter((h) => !h.validUntil || h.validUntil >= today).map((h) => h.tierCode));
  return {
    tiers,
    values: {
      region_code: r.region_code,
      park_id: r.park_id,
      chain_code: r.chain_code,
      chain_stage: r.chain_stage,
      industry_class: r.industry_class_code,
      scale: r.scale,
      is_chain_leader: r.is_chain_leader,
      age_years: r.age_days === null ? null : Math.floor((r.age_days / 365.25) * 10) / 10,
      employees: r.employees,
      revenue_wan: r.revenue_wan,
      revenue_growth_pct:
        r.revenue_wan === null || r.prev_revenue_wan === null || r.prev_revenue_wan === 0
          ? null
          : Math.round(((r.revenue_wan - r.prev_revenue_wan) / r.prev_revenue_wan) * 10000) / 100,
      tax_wan: r.tax_wan,
      rnd_wan: r.rnd_wan,
      rnd_ratio_pct: ratio(r.rnd_wan, r.revenue_wan),
      rnd_staff_pct: ratio(r.rnd_staff, r.employees),
      patents_invention: r.patents_invention,
      tax_per_mu_wan: ratio(r.tax_wan, r.land_mu, 1),
    },
  };
}

/** Firms in the actor's service scope with their facts. */
async function firmsOf(db: Db, a: Actor | undefined, enterpriseId?: number): Promise<FactRow[]> {
  const q = new Sql();
  const where: string[] = [];
  const scope = a ? firmScope(a, q) : null;
  if (scope) where.push(`e.id in ${scope}`);
  if (enterpriseId) where.push(`e.id = ${q.p(enterpriseId)}`);
  return db.query<FactRow>(`${FACTS} ${where.length ? `where ${where.join(' and ')}` : ''} order by e.id`, q.params);
}

const today = (ctx?: Ctx) => new Date(ctx ? nowOf(ctx) : Date.now()).toISOString().slice(0, 10);

/** The current policies, compiled. */
async function compiled(db: Db, on: string): Promise<{ p: TPolicy; c: CompiledPolicy }[]> {
  return (await listPolicies(db, { current: true, on })).map((p) => ({
    p,
    c: compilePolicy(p.id, p.conditions as Condition[]),
  }));
}

/**
 * Condition fields computed from confidential figures (metrics: revenue, tax, R&D, R&D staff): their
 * values and gaps are shown only to those who see the firm's figures (city-wide roles, its zone,
 * the firm itself), like the registry's own redaction.
 */
const FIGURE_FIELDS = new Set([
  'revenue_wan',
  'revenue_growth_pct',
  'tax_wan',
  'rnd_wan',
  'rnd_ratio_pct',
  'rnd_staff_pct',
  'tax_per_mu_wan',
]);

function hideFigures<T extends { field: string; actual: unknown; gap?: number }>(r: T): T {
  if (!FIGURE_FIELDS.has(r.field)) return r;
  const { gap: _g, ...rest } = r;
  return { ...rest, actual: null } as T;
}

function firmEligibility(r: FactRow, f: FirmFacts, list: { p: TPolicy; c: CompiledPolicy }[], figures = true) {
  const eligible = [];
  const near = [];
  for (const { p, c } of list) {
    const v = quickVerdict(c, f);
    if (v === 'not_eligible') continue;
    const e = explain(c, f);
    const item = {
      policyId: p.id,
      policyCode: p.code,
      title: p.title,
      autoGrant: p.autoGrant,
      version: p.currentVersion,
      verdict: e.verdict,
      failing: figures ? e.failing : e.failing.map(hideFigures),
    };
    if (e.verdict === 'eligible') eligible.push(item);
    else near.push(item);
  }
  return { enterpriseId: r.id, enterpriseName: r.name, eligible, near };
}

/** A firm's eligibility (its own firm for an enterprise user; a firm it serves for staff). */
export async function eligibilityOf(
  db: Db,
  a: Actor | undefined,
  enterpriseId: number,
  whatIf?: z.infer<typeof ZWhatIf>,
) {
  await assertServes(db, a, enterpriseId);
  const [r] = await firmsOf(db, undefined, enterpriseId);
  if (!r) throw notFound();
  const on = today();
  const f = factsOf(r, on);
  if (whatIf) {
    const unknown = Object.keys(whatIf.values).filter((k) => !Object.hasOwn(FIELDS, k) || k === 'tier');
    if (unknown.length > 0)
      throw invalid(
        unknown.map((k) => fieldProblem(['values', k], 'services.condition_unknown_field', { zh: k, en: k })),
      );
    const wrong = Object.entries(whatIf.values).filter(([k, v]) => {
      const t = (FIELDS as Record<string, { type: string }>)[k]?.type;
      return (
        v !== null &&
        ((t === 'number' && typeof v !== 'number') ||
          (t === 'string' && typeof v !== 'string') ||
          (t === 'boolean' && typeof v !== 'boolean'))
      );
    });
    if (wrong.length > 0)
      throw invalid(wrong.map(([k]) => fieldProblem(['values', k], 'services.condition_value_type')));
    Object.assign(f.values, whatIf.values);
    f.tiers = new Set([...f.tiers, ...whatIf.addTiers]);
  }
  const figures = !a || policyOf('metrics').seesConfidential(a, { enterpriseId });
  return firmEligibility(r, f, await compiled(db, on), figures);
}

/** Draft conditions run against the firms the actor serves: counts, failures by condition, a sample. */
export async function testRun(db: Db, a: Actor | undefined, input: { conditions: TCondition[]; limit: number }) {
  await assertConditions(db, input.conditions);
  const c = compilePolicy(0, input.conditions as Condition[]);
  const on = today();
  const firms = await firmsOf(db, a);
  let eligible = 0;
  let near = 0;
  const byCondition = input.conditions.map((x) => ({ id: x.id, fails: 0, unknown: 0 }));
  const sample: {
    enterpriseId: number;
    enterpriseName: string;
    verdict: 'eligible' | 'near' | 'not_eligible' | 'unknown';
    failing: ReturnType<typeof explain>['failing'];
  }[] = [];
  for (const r of firms) {
    const e = explain(c, factsOf(r, on));
    if (e.verdict === 'eligible') eligible++;
    if (e.verdict === 'near') near++;
    e.results.forEach((x, i) => {
      const b = byCondition[i];
      if (!b) return;
      if (x.outcome === 'fail') b.fails++;
      if (x.outcome === 'unknown') b.unknown++;
    });
    if (sample.length < input.limit && (e.verdict === 'eligible' || e.verdict === 'near'))
      sample.push({ enterpriseId: r.id, enterpriseName: r.name, verdict: e.verdict, failing: e.failing });
  }
  return { firms: firms.length, eligible, near, byCondition, sample };
}

/** 免申即享: the firms (in the actor's scope) that qualify for an auto-granted policy, without application. */
export async function beneficiaries(db: Db, a: Actor | undefined, policyId: number) {
  const p = await getPolicy(db, policyId);
  if (!p.autoGrant) throw new AppError(409, 'services.not_auto_grant');
  const c = compilePolicy(p.id, p.conditions as Condition[]);
  const on = today();
  const firms = await firmsOf(db, a);
  const items = firms
    .filter((r) => quickVerdict(c, factsOf(r, on)) === 'eligible')
    .map((r) => ({ enterpriseId: r.id, enterpriseName: r.name, creditCode: r.credit_code, regionCode: r.region_code }));
  return { policy: p, items };
}

export async function beneficiariesXlsx(
  db: Db,
  a: Actor | undefined,
  policyId: number,
  lang: 'zh' | 'en',
): Promise<Buffer> {
  const { policy, items } = await beneficiaries(db, a, policyId);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'zh' ? '免申即享名单' : 'Auto-granted');
  ws.addRow([lang === 'zh' ? '政策' : 'Policy', policy.title, policy.documentNo ?? '', `v${policy.currentVersion}`]);
  ws.addRow([lang === 'zh' ? '发布机构' : 'Issuer', policy.issuer]);
  if (policy.synthetic) ws.addRow([lang === 'zh' ? '示例数据（虚构）' : 'Synthetic example data']);
  ws.addRow([]);
  ws.addRow(
    lang === 'zh'
      ? ['序号', '企业名称', '统一社会信用代码', '行政区划代码']
      : ['No.', 'Enterprise', 'Credit code', 'District code'],
  ).font = { bold: true };
  for (const [i, r] of items.entries()) ws.addRow([i + 1, r.enterpriseName, r.creditCode ?? '', r.regionCode ?? '']);
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Pushes an auto-granted policy to its qualifying firms' users through the platform inbox, once per
 * policy version (the inbox's once-only key): `pushed` counts the firms whose users were told now,
 * `alreadyNotified` those told before, `withoutUsers` qualifying firms with no active enterprise user.
 */
export async function pushPolicy(
  db: Db,
  policyId: number,
  ctx: Ctx,
): Promise<{ pushed: number; alreadyNotified: number; withoutUsers: number }> {
  if (ctx.actor?.readOnly) throw forbidden();
  return db.tx(async (tx) => {
    const { policy, items } = await beneficiaries(tx, ctx.actor, policyId);
    const ids = items.map((i) => i.enterpriseId);
    const dedupe = `services.policy:${policy.id}:${policy.currentVersion}`;
    const users = await tx.query<{ user_id: number; enterprise_id: number }>(
      `select u.id as user_id, o.enterprise_id from users u join organisations o on o.id = u.organisation_id
        where u.role = 'enterprise_user' and not u.disabled and o.enterprise_id = any($1::int[])`,
      [ids],
    );
    const firmOf = new Map(users.map((u) => [u.user_id, u.enterprise_id]));
    const told = await notify(tx, {
      enterpriseIds: ids,
      kind: 'services.policy',
      params: {
        policyId: policy.id,
        policyTitle: policy.title,
        policyTitleEn: policy.titleEn ?? null,
        version: policy.currentVersion,
      },
      link: '/services/mine',
      dedupe,
      at: new Date(nowOf(ctx)),
    });
    const pushed = [...new Set(told.map((u) => firmOf.get(u)).filter((f): f is number => f !== undefined))].sort(
      (x, y) => x - y,
    );
    const reachable = new Set(users.map((u) => u.enterprise_id));
    const withoutUsers = ids.filter((f) => !reachable.has(f)).length;
    await writeAudit(tx, ctx, {
      entity: 'service_policies',
      entityId: policy.id,
      action: 'update',
      new: { pushedVersion: policy.currentVersion, enterpriseIds: pushed },
    });
    return { pushed: pushed.length, alreadyNotified: reachable.size - pushed.length, withoutUsers };
  });
}
