/** The cockpit of a scope: every registered figure that supports it, the parks and sub-parks for the map, the targets. */
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
    // Parks and their sub-parks (分园, at any depth) as a tree: each sub-park after its park, siblings by name.
    db.query<{ id: number; name: string; lat: number | null; lng: number | null; parentId: number | null }>(
      `with recursive s as (select id from parks where id in ${parksIn(scope, q)}),
         t as (select p.id, p.name, p.lat, p.lng, p.parent_id, array[p.name || chr(1) || lpad(p.id::text, 10, '0')] as path
                 from parks p where p.id in (select id from s) and (p.parent_id is null or p.parent_id not in (select id from s))
               union all
               select c.id, c.name, c.lat, c.lng, c.parent_id, t.path || (c.name || chr(1) || lpad(c.id::text, 10, '0'))
                 from parks c join t on c.parent_id = t.id where c.id in (select id from s))
       select id, name, lat, lng, parent_id as "parentId" from t order by path limit 500`,
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
