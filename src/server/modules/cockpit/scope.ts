/** Cockpit scopes: city, district:420111, park:ID — parsing, their parks and enterprises as SQL, names. */
import { fieldProblem } from '../../../contracts/errors.js';
import type { Db } from '../../../db/connect.js';
import { invalid } from '../../lib/errors.js';
import { type FigureScope, figureDay, scopeParks, scopeTenants } from '../../platform/figures.js';
import { devzoneOf, parseDevzone } from '../../platform/policy/devzones.js';

export function parseCockpitScope(s: string | undefined, field = 'scope'): FigureScope {
  if (!s || s === 'city') return { kind: 'city' };
  const [kind, v] = s.split(':');
  if (kind === 'district' && /^\d{6}$/.test(v ?? '')) return { kind, code: v as string };
  if (kind === 'park' && /^[1-9]\d{0,8}$/.test(v ?? '')) return { kind, id: Number(v) };
  if (kind === 'devzone') return { kind, code: parseDevzone(v, [field]).code };
  throw invalid([
    fieldProblem([field], 'invalid_value', {
      zh: '范围应为 city、district:420111、devzone:donghu 或 park:ID',
      en: 'the scope is city, district:420111, devzone:donghu or park:ID',
    }),
  ]);
}

export const scopeKey = (s: FigureScope): string =>
  s.kind === 'city' ? 'city' : s.kind === 'park' ? `park:${s.id}` : `${s.kind}:${s.code}`;

/** The ids of the parks in a scope (a park with its sub-parks), as a SQL subquery. */
export const parksIn = scopeParks;
/** Enterprises with a current unit in the scope's parks, as a SQL subquery of ids. */
export const locatedIn = scopeTenants;

/** The web list's query string for a scope (regionCode / parkId). */
export const listQuery = (s: FigureScope): string =>
  s.kind === 'city'
    ? ''
    : s.kind === 'district'
      ? `regionCode=${s.code}`
      : s.kind === 'devzone'
        ? `devzone=${s.code}`
        : `parkId=${s.id}`;

/** The chain views' scope parameter. */
export const chainScope = (s: FigureScope) =>
  s.kind === 'city' ? ({ kind: 'city' } as const) : s.kind === 'park' ? ({ kind: 'park', id: s.id } as const) : s;

export async function scopeName(db: Db, s: FigureScope): Promise<{ zh: string; en: string }> {
  if (s.kind === 'city') return { zh: '武汉市', en: 'Wuhan' };
  if (s.kind === 'devzone') {
    const z = devzoneOf(s.code);
    return { zh: z?.nameZh ?? s.code, en: z?.nameEn ?? s.code };
  }
  if (s.kind === 'district') {
    const [r] = await db.query<{ name: string }>('select name from regions where code = $1', [s.code]);
    return { zh: r?.name ?? s.code, en: r?.name ?? s.code };
  }
  const [p] = await db.query<{ name: string; name_en: string | null }>(
    'select name, name_en from parks where id = $1',
    [s.id],
  );
  return { zh: p?.name ?? String(s.id), en: p?.name_en ?? p?.name ?? String(s.id) };
}

/** A date from the database as YYYY-MM-DD (null stays null). */
export const day = figureDay;
