/** The cockpit of a scope: every registered figure that supports it, the parks for the map, the targets. */
import type { TCockpit, TFigure } from '../../../contracts/cockpit.js';
import type { Db } from '../../../db/connect.js';
import { Sql } from '../../lib/sql.js';
import { assertFigureScope, computeFigure, type FigureScope, figureDefs } from '../../platform/figures.js';
import type { Actor } from '../auth/actor.js';
import { parkScores, today } from './freshness.js';
import { parksIn, scopeKey, scopeName } from './scope.js';
import { listTargets, targetProgress } from './targets.js';

export async function cockpitFigures(db: Db, scope: FigureScope, actor: Actor | undefined): Promise<TFigure[]> {
  const defs = figureDefs().filter((d) => d.scopes.includes(scope.kind));
  return Promise.all(defs.map((d) => computeFigure(db, d, scope, actor)));
}

export async function cockpit(db: Db, scope: FigureScope, actor: Actor | undefined): Promise<TCockpit> {
  await assertFigureScope(db, scope, actor);
  const q = new Sql();
  const [figures, parks, scores, targets] = await Promise.all([
    cockpitFigures(db, scope, actor),
    db.query<{ id: number; name: string; lat: number | null; lng: number | null }>(
      `select id, name, lat, lng from parks where id in ${parksIn(scope, q)} and parent_id is null order by name limit 500`,
      q.params,
    ),
    parkScores(db, scope),
    listTargets(db, { scope: scopeKey(scope) }),
  ]);
  const on = today();
  // A target of this scope reads the figure just computed instead of computing it again.
  const known = new Map(figures.map((f) => [`${f.key}|${scopeKey(scope)}`, f]));
  return {
    scope: scopeKey(scope),
    scopeName: await scopeName(db, scope),
    generatedAt: new Date().toISOString(),
    figures,
    parks: parks.map((p) => ({ ...p, freshness: scores.get(p.id) ?? null })),
    targets: await Promise.all(targets.map((t) => targetProgress(db, t, actor, on, known))),
  };
}
