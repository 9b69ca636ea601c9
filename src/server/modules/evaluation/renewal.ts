/**
 * Park renewal: each park classed 改园换企 / 留园换企 / 留园留企 by the published renewal rules, with the
 * rule that decided and the park's values beside it; renewal projects with investment and status,
 * counted against what the district reported.
 */
import type { EvalClass, TRenewalDocument } from '../../../contracts/evaluation.js';
import type { Db } from '../../../db/connect.js';
import { classifyPark, outlineCentroid, parkFacts, plotInputs } from '../../../domain/evaluation/renewal.js';
import { AppError, forbidden, notFound } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { may, parkScope, readScope, redact } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

export async function renewalView(
  db: Db,
  opts: { runId: number; regionCode?: string | undefined; ruleSetId?: number | undefined },
  actor: Actor | undefined,
) {
  if (actor && !may(actor, 'evaluation.aggregates')) throw forbidden();
  const run = await repo.getRun(db, opts.runId);
  if (!run) throw notFound();
  const on = `${run.year}-12-31`;
  const rs = opts.ruleSetId ? await repo.getRuleSet(db, opts.ruleSetId) : await repo.currentRuleSet(db, 'renewal', on);
  if (!rs) throw notFound();
  if (rs.document.kind !== 'renewal')
    throw new AppError(422, 'validation_failed', [
      {
        path: ['ruleSetId'],
        code: 'evaluation.wrong_kind',
        message: { zh: '须为园区更新规则集', en: 'Must be a renewal rule set' },
      },
    ]);
  const doc = rs.document as TRenewalDocument;
  const q = new Sql();
  const where = [repo.areaCond(q, opts.regionCode, 'p.region_code')];
  if (actor && (actor.role === 'district_user' || actor.role === 'park_operator'))
    where.push(`p.id in ${parkScope(actor, q)}`);
  const { parks, tenants, units, buildings } = await repo.parksWithTenants(db, q, where.join(' and '));
  // The classes of the run's firms the reader sees (its read scope).
  const rq = new Sql();
  const rWhere = [`t.run_id = ${rq.p(run.id)}`];
  if (actor) {
    const scope = readScope(actor, 'evaluation-results', rq);
    if (scope) rWhere.push(`(${scope})`);
  }
  const classes = new Map(
    (
      await db.query<{ enterprise_id: number; class: EvalClass }>(
        `select t.enterprise_id, t.class from (${repo.RESULT_SELECT}) t where ${rWhere.join(' and ')}`,
        rq.params,
      )
    ).map((r) => [r.enterprise_id, r.class]),
  );
  const metrics = new Map((await repo.metricsOfYear(db, run.year)).map((m) => [m.enterprise_id, m]));
  const unitsBy = new Map(units.map((u) => [u.park_id, u]));
  const yearsBy = new Map(buildings.map((b) => [b.park_id, b.years]));
  const tenantsBy = new Map<number, number[]>();
  for (const t of tenants) {
    const l = tenantsBy.get(t.park_id);
    if (l) l.push(t.enterprise_id);
    else tenantsBy.set(t.park_id, [t.enterprise_id]);
  }
  const inputs = parks.map((p) => {
    const ids = (tenantsBy.get(p.id) ?? []).filter((id) => classes.has(id));
    let output = 0;
    let land = 0;
    for (const id of ids) {
      const m = metrics.get(id);
      if (m?.land_mu && m.land_mu > 0) {
        land += m.land_mu;
        output += Number(m.output_wan ?? 0);
      }
    }
    return {
      park: p,
      input: {
        id: p.id,
        classes: ids.map((id) => classes.get(id) as string).filter((c) => c !== 'T'),
        outputWan: output,
        landMu: land,
        vacantM2: unitsBy.get(p.id)?.vacant_m2 ?? 0,
        unitM2: unitsBy.get(p.id)?.unit_m2 ?? 0,
        buildingYears: yearsBy.get(p.id) ?? [],
      },
    };
  });
  // The zone's output per mu: over every park of the same district in this view.
  const zone = new Map<string, { output: number; land: number }>();
  for (const { park, input } of inputs) {
    const z = zone.get(park.region_code) ?? { output: 0, land: 0 };
    z.output += input.outputWan;
    z.land += input.landMu;
    zone.set(park.region_code, z);
  }
  const projects = (await db.query(`${repo.RENEWAL_SELECT} order by rp.id`)).map(repo.presentRenewal);
  const items = inputs.map(({ park, input }) => {
    const z = zone.get(park.region_code);
    const facts = parkFacts(input, z && z.land > 0 ? z.output / z.land : null, run.year);
    const c = classifyPark(doc, facts);
    const own = projects.filter((x) => x.parkId === park.id);
    return {
      parkId: park.id,
      parkName: park.name,
      parkNameEn: park.name_en ?? null,
      lat: park.lat ?? null,
      lng: park.lng ?? null,
      locationApproximate: park.location_approximate,
      regionCode: park.region_code,
      synthetic: park.synthetic,
      facts,
      mode: c.mode,
      rule: { index: c.ruleIndex, label: c.label, clause: c.clause, because: c.because },
      projects: own.length,
      investmentWan: own.reduce((s, x) => s + (x.investmentWan ?? 0), 0),
    };
  });
  const plots = await plotItems(db, {
    parks,
    classes,
    metrics,
    zonePerMu: (region) => {
      const z = zone.get(region);
      return z && z.land > 0 ? z.output / z.land : null;
    },
    doc,
    year: run.year,
    actor,
  });
  const targets = await db.query<Record<string, unknown>>(
    `select t.region_code, t.since::text as since, t.projects, t.investment_wan, t.source_id, s.title as source_title, t.synthetic
       from renewal_targets t join sources s on s.id = t.source_id order by t.region_code`,
  );
  const counted = targets.map((t) => {
    const since = t.since as string;
    const mine = projects.filter(
      (p) => p.regionCode === t.region_code && (p.startedOn === null || p.startedOn >= since),
    );
    return {
      regionCode: t.region_code as string,
      since,
      reportedProjects: (t.projects as number | null) ?? null,
      reportedInvestmentWan: t.investment_wan === null ? null : Number(t.investment_wan),
      recordedProjects: mine.length,
      recordedInvestmentWan: mine.reduce((s, p) => s + (p.investmentWan ?? 0), 0),
      sourceId: t.source_id as string,
      sourceTitle: t.source_title as string,
    };
  });
  return {
    run,
    ruleSet: {
      id: rs.id,
      code: rs.code,
      version: rs.version,
      name: rs.name,
      assumption: rs.assumption,
      rules: doc.rules,
      notes: doc.notes,
    },
    items,
    plots,
    projects,
    targets: counted,
  };
}

/**
 * The plots of the parks in view, each classed by the renewal rules as a park is (domain/evaluation/renewal.ts
 * plotInputs), against the zone of its park; figures from the firms the reader sees, redacted by the
 * 'land-plots' policy for readers who do not see the holder's figures.
 */
async function plotItems(
  db: Db,
  o: {
    parks: repo.ParkRow[];
    classes: ReadonlyMap<number, string>;
    metrics: ReadonlyMap<number, { output_wan: number | null }>;
    zonePerMu: (region: string) => number | null;
    doc: TRenewalDocument;
    year: number;
    actor: Actor | undefined;
  },
) {
  const parkOf = new Map(o.parks.map((p) => [p.id, p]));
  const { plots, tenants, units, buildings } = await repo.plotsOfParks(db, [...parkOf.keys()]);
  const firmsOf = new Map<number, number[]>();
  for (const t of tenants) firmsOf.set(t.plot_id, [...(firmsOf.get(t.plot_id) ?? []), t.enterprise_id]);
  const unitsOf = new Map(units.map((u) => [u.plot_id, u]));
  const buildingsOf = new Map(buildings.map((b) => [b.plot_id, b]));
  const output = new Map<number, number>();
  for (const [id, m] of o.metrics) output.set(id, Number(m.output_wan ?? 0));
  const inputs = plotInputs(
    plots.map((p) => ({
      id: p.id,
      areaMu: Number(p.area_mu),
      firmIds: [...(p.owner_enterprise_id === null ? [] : [p.owner_enterprise_id]), ...(firmsOf.get(p.id) ?? [])],
      vacantM2: unitsOf.get(p.id)?.vacant_m2 ?? 0,
      unitM2: unitsOf.get(p.id)?.unit_m2 ?? 0,
      buildingYears: (buildingsOf.get(p.id)?.years ?? []).filter((y): y is number => y !== null),
    })),
    o.classes,
    output,
  );
  return plots.map((p, i) => {
    const park = parkOf.get(p.park_id) as repo.ParkRow;
    const facts = parkFacts(inputs[i] as (typeof inputs)[number], o.zonePerMu(park.region_code), o.year);
    const c = classifyPark(o.doc, facts);
    const at = p.lat !== null && p.lng !== null ? { lat: p.lat, lng: p.lng } : outlineCentroid(p.outline);
    const item = {
      plotId: p.id,
      parkId: p.park_id,
      parkName: park.name,
      parkNameEn: park.name_en ?? null,
      code: p.code,
      name: p.name,
      nameEn: p.name_en ?? null,
      areaMu: Number(p.area_mu),
      landUse: p.land_use as 'industrial',
      ownerEnterpriseId: p.owner_enterprise_id,
      ownerName: p.owner_name,
      outline: p.outline,
      lat: at?.lat ?? null,
      lng: at?.lng ?? null,
      locationApproximate: p.location_approximate,
      regionCode: park.region_code,
      synthetic: p.synthetic,
      version: p.version,
      buildings: buildingsOf.get(p.id)?.n ?? 0,
      facts: facts as typeof facts | null,
      mode: c.mode as typeof c.mode | null,
      rule: { index: c.ruleIndex, label: c.label, clause: c.clause, because: c.because } as {
        index: number;
        label: { zh: string; en: string };
        clause: string;
        because: typeof c.because;
      } | null,
    };
    return redact(o.actor, 'land-plots', item);
  });
}

export interface RenewalProjectInput {
  parkId: number;
  name: string;
  mode: 'replace_park' | 'replace_firms' | 'retain';
  investmentWan?: number | null | undefined;
  status: 'planned' | 'under_way' | 'completed';
  startedOn?: string | null | undefined;
  sourceId: string;
  synthetic: boolean;
}

/** A district user records projects in its own parks; the city anywhere. */
export async function assertParkWritable(db: Db, parkId: number, actor: Actor | undefined) {
  const q = new Sql();
  const cond = actor && actor.role === 'district_user' ? `id in ${parkScope(actor, q)}` : 'true';
  const [p] = await db.query(`select id from parks where id = ${q.p(parkId)} and ${cond}`, q.params);
  if (!p) {
    const [exists] = await db.query('select id from parks where id = $1', [parkId]);
    if (!exists)
      throw new AppError(422, 'validation_failed', [
        { path: ['parkId'], code: 'evaluation.unknown_reference', message: { zh: '园区不存在', en: 'No such park' } },
      ]);
    throw forbidden();
  }
}

export async function createRenewalProject(
  db: Db,
  input: RenewalProjectInput,
  actor: Actor | undefined,
  audit: AuditCtx,
) {
  await assertParkWritable(db, input.parkId, actor);
  return db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `insert into renewal_projects (park_id, name, mode, investment_wan, status, started_on, source_id, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        input.parkId,
        input.name,
        input.mode,
        input.investmentWan ?? null,
        input.status,
        input.startedOn ?? null,
        input.sourceId,
        input.synthetic,
      ],
    );
    const id = (r as { id: number }).id;
    await writeAudit(tx, audit, { entity: 'renewal_projects', entityId: id, action: 'create', new: { ...input } });
    const [row] = await tx.query(`${repo.RENEWAL_SELECT} where rp.id = $1`, [id]);
    return repo.presentRenewal(row as Record<string, unknown>);
  });
}

export async function updateRenewalProject(
  db: Db,
  id: number,
  input: RenewalProjectInput & { version: number },
  actor: Actor | undefined,
  audit: AuditCtx,
) {
  const [before] = await db.query(`${repo.RENEWAL_SELECT} where rp.id = $1`, [id]);
  if (!before) throw notFound();
  const old = repo.presentRenewal(before);
  await assertParkWritable(db, old.parkId, actor);
  await assertParkWritable(db, input.parkId, actor);
  return db.tx(async (tx) => {
    const [r] = await tx.query<{ id: number }>(
      `update renewal_projects set park_id = $2, name = $3, mode = $4, investment_wan = $5, status = $6, started_on = $7,
         source_id = $8, synthetic = $9, version = version + 1, updated_at = now()
       where id = $1 and version = $10 returning id`,
      [
        id,
        input.parkId,
        input.name,
        input.mode,
        input.investmentWan ?? null,
        input.status,
        input.startedOn ?? null,
        input.sourceId,
        input.synthetic,
        input.version,
      ],
    );
    if (!r) throw new AppError(409, 'stale_version');
    const { version: _v, ...rest } = input;
    await writeAudit(tx, audit, { entity: 'renewal_projects', entityId: id, action: 'update', old, new: rest });
    const [row] = await tx.query(`${repo.RENEWAL_SELECT} where rp.id = $1`, [id]);
    return repo.presentRenewal(row as Record<string, unknown>);
  });
}
