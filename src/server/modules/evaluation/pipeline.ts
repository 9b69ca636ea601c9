/**
 * The incubation pipeline 0→1→10→N: dated stage transitions of firms (lab → incubator → accelerator →
 * park) with the institution each came through, and the funnel by institution and by zone.
 */
import type { Db } from '../../../db/connect.js';
import { checkTransition, funnel, type Stage, type Transition } from '../../../domain/evaluation/pipeline.js';
import { AppError, forbidden } from '../../lib/errors.js';
import { Sql } from '../../lib/sql.js';
import { type AuditCtx, writeAudit } from '../../platform/audit.js';
import { readScope } from '../../platform/policy/index.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';

const TRANSITION_SELECT = `select lt.id, lt.enterprise_id, e.name as enterprise_name, e.synthetic as enterprise_synthetic,
  e.region_code, lt.stage, lt.occurred_on::text as occurred_on, lt.institution_id, i.name as institution_name, lt.park_id,
  p.name as park_name, lt.note, lt.source_id, s.title as source_title, lt.synthetic
  from lifecycle_transitions lt join enterprises e on e.id = lt.enterprise_id
  left join institutions i on i.id = lt.institution_id left join parks p on p.id = lt.park_id
  join sources s on s.id = lt.source_id`;

const presentTransition = (r: Record<string, unknown>) => ({
  id: r.id as number,
  enterpriseId: r.enterprise_id as number,
  enterpriseName: r.enterprise_name as string,
  enterpriseSynthetic: r.enterprise_synthetic as boolean,
  regionCode: (r.region_code as string | null) ?? null,
  stage: r.stage as Stage,
  occurredOn: r.occurred_on as string,
  institutionId: (r.institution_id as number | null) ?? null,
  institutionName: (r.institution_name as string | null) ?? null,
  parkId: (r.park_id as number | null) ?? null,
  parkName: (r.park_name as string | null) ?? null,
  note: (r.note as string | null) ?? null,
  sourceId: r.source_id as string,
  sourceTitle: r.source_title as string,
  synthetic: r.synthetic as boolean,
});
export type TransitionView = ReturnType<typeof presentTransition>;

export async function pipelineView(db: Db, opts: { regionCode?: string | undefined }) {
  const q = new Sql();
  const rows = (
    await db.query(
      `${TRANSITION_SELECT} where ${repo.areaCond(q, opts.regionCode)} and ${repo.inCity()} order by lt.enterprise_id, lt.occurred_on`,
      q.params,
    )
  ).map(presentTransition);
  const t: Transition[] = rows.map((r) => ({
    enterpriseId: r.enterpriseId,
    stage: r.stage,
    occurredOn: r.occurredOn,
    institutionId: r.institutionId,
  }));
  const instName = new Map(
    rows.filter((r) => r.institutionId).map((r) => [String(r.institutionId), r.institutionName ?? '']),
  );
  const region = new Map(rows.map((r) => [r.enterpriseId, r.regionCode ?? '']));
  const regionNames = new Map(
    (await db.query<{ code: string; name: string }>("select code, name from regions where level = 'district'")).map(
      (r) => [r.code, r.name],
    ),
  );
  const byInstitution = funnel(t, (o) => (o?.institutionId ? String(o.institutionId) : '')).map((f) => ({
    ...f,
    institutionId: f.key ? Number(f.key) : null,
    name: f.key ? (instName.get(f.key) ?? f.key) : null,
  }));
  const byZone = funnel(t, (_o, firm) => region.get(firm) ?? '').map((f) => ({
    ...f,
    regionCode: f.key || null,
    name: f.key ? (regionNames.get(f.key) ?? f.key) : null,
  }));
  return { transitions: rows, byInstitution, byZone };
}

export interface TransitionInput {
  enterpriseId: number;
  stage: Stage;
  occurredOn: string;
  institutionId?: number | null | undefined;
  parkId?: number | null | undefined;
  note?: string | null | undefined;
  sourceId: string;
  synthetic: boolean;
}

const refused = (path: string, zh: string, en: string) =>
  new AppError(422, 'validation_failed', [{ path: [path], code: 'evaluation.unknown_reference', message: { zh, en } }]);

export async function recordTransition(db: Db, input: TransitionInput, actor: Actor | undefined, audit: AuditCtx) {
  const [firm] = await db.query('select id from enterprises where id = $1', [input.enterpriseId]);
  if (!firm) throw refused('enterpriseId', '企业不存在', 'No such enterprise');
  if (actor && actor.role !== 'city_admin') {
    // A zone records stages of the firms it may change (enterprise write scope).
    const q = new Sql();
    const scope = readScope(actor, 'enterprises', q);
    const [ok] = await db.query(
      `select 1 from enterprises t where t.id = ${q.p(input.enterpriseId)} ${scope ? `and (${scope})` : ''}`,
      q.params,
    );
    if (!ok) throw forbidden();
  }
  if (input.institutionId) {
    const [i] = await db.query('select id from institutions where id = $1', [input.institutionId]);
    if (!i) throw refused('institutionId', '机构不存在', 'No such institution');
  }
  if (input.parkId) {
    const [p] = await db.query('select id from parks where id = $1', [input.parkId]);
    if (!p) throw refused('parkId', '园区不存在', 'No such park');
  }
  const [src] = await db.query('select id from sources where id = $1', [input.sourceId]);
  if (!src) throw refused('sourceId', '来源不存在', 'No such source');
  return db.tx(async (tx) => {
    const existing = await tx.query<{
      enterprise_id: number;
      stage: Stage;
      occurred_on: string;
      institution_id: number | null;
    }>(
      'select enterprise_id, stage, occurred_on::text as occurred_on, institution_id from lifecycle_transitions where enterprise_id = $1 for update',
      [input.enterpriseId],
    );
    const problem = checkTransition(
      existing.map((e) => ({
        enterpriseId: e.enterprise_id,
        stage: e.stage,
        occurredOn: e.occurred_on,
        institutionId: e.institution_id,
      })),
      {
        enterpriseId: input.enterpriseId,
        stage: input.stage,
        occurredOn: input.occurredOn,
        institutionId: input.institutionId ?? null,
      },
    );
    if (problem)
      throw new AppError(422, 'validation_failed', [
        {
          path: [problem === 'duplicate' ? 'stage' : 'occurredOn'],
          code: 'evaluation.transition_order',
          message:
            problem === 'duplicate'
              ? { zh: `该企业已记录“${input.stage}”阶段`, en: `The firm already has a "${input.stage}" stage` }
              : {
                  zh: '阶段日期须按 实验室→孵化器→加速器→园区 的顺序',
                  en: 'Stages are dated in the order lab → incubator → accelerator → park',
                },
        },
      ]);
    const [r] = await tx.query<{ id: number }>(
      `insert into lifecycle_transitions (enterprise_id, stage, occurred_on, institution_id, park_id, note, source_id, synthetic)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        input.enterpriseId,
        input.stage,
        input.occurredOn,
        input.institutionId ?? null,
        input.parkId ?? null,
        input.note ?? null,
        input.sourceId,
        input.synthetic,
      ],
    );
    const id = (r as { id: number }).id;
    await writeAudit(tx, audit, { entity: 'lifecycle_transitions', entityId: id, action: 'create', new: { ...input } });
    const [row] = await tx.query(`${TRANSITION_SELECT} where lt.id = $1`, [id]);
    return presentTransition(row as Record<string, unknown>);
  });
}
