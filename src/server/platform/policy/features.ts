/**
 * Rights that are not rows of a resource: administration, imports, chain maintenance, orders,
 * conferences. Routes assert them with `assertMay`; the permission matrix (permissions.ts) shows
 * the same functions to the web, so a button and its route cannot disagree.
 */
import type { FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../../lib/errors.js';
import type { Actor } from '../../modules/auth/actor.js';
import { readsProjects } from './projects.js';

const cityWide = (a: Actor) => a.role === 'city_admin' || a.role === 'city_analyst';
const zone = (a: Actor) => a.role === 'district_user' || a.role === 'park_operator';
const admin = (a: Actor) => a.role === 'city_admin' && !a.readOnly;

export const FEATURES = {
  /** Users, organisations, the audit log. */
  administer: admin,
  /** Spreadsheet imports write every kind at once, past any zone. */
  import: admin,
  /** Every field of every record. */
  exportDataset: cityWide,
  /** Analyses with money figures (chain health, matrix, suppliers); others get rates only. */
  seeFigures: cityWide,
  /** Publishing a chain template changes a city-wide reference. */
  chainPublish: admin,
  /** 链图维护: review mappings and leaders of the firms one may change (the city, or a zone). */
  chainMaintain: (a: Actor) => admin(a) || (zone(a) && !a.readOnly),
  /** Gap-filling leads are for those who attract investment. */
  chainShortlist: (a: Actor) =>
    !a.readOnly && a.role !== 'viewer' && a.role !== 'enterprise_user' && a.role !== 'hub_operator',
  projects: readsProjects,
  issueOrders: admin,
  /** Organisers of any conference (others organise the ones that name them). */
  organiseConferences: (a: Actor) => !a.readOnly && (a.role === 'city_admin' || a.role === 'investment_officer'),
  /** The background-job list: one's own jobs (imports, runs, reports …); the public viewer starts none. */
  jobs: (a: Actor) => a.role !== 'viewer',
  /** Every user's jobs, not only one's own. */
  jobsAll: (a: Actor) => a.role === 'city_admin',
  /** Cancel or retry the jobs one sees. */
  jobsManage: (a: Actor) => a.role !== 'viewer' && !a.readOnly,
} satisfies Record<string, (a: Actor) => boolean>;
/** A platform right, or a module's own right namespaced by the module ('docking.post'). */
export type Feature = keyof typeof FEATURES | `${string}.${string}`;

const MODULE_FEATURES = new Map<string, (a: Actor) => boolean>();

/** Registers a module's rights (platform/module.ts `installModules`); a name is taken once. */
export function registerFeature(name: `${string}.${string}`, test: (a: Actor) => boolean): void {
  if (MODULE_FEATURES.has(name)) throw new Error(`feature "${name}" is registered twice`);
  MODULE_FEATURES.set(name, test);
}

/** Every right with its test: the platform's, then the modules'. */
export const allFeatures = (): [string, (a: Actor) => boolean][] => [...Object.entries(FEATURES), ...MODULE_FEATURES];

function featureTest(f: Feature): (a: Actor) => boolean {
  const t = Object.hasOwn(FEATURES, f) ? FEATURES[f as keyof typeof FEATURES] : MODULE_FEATURES.get(f);
  if (!t) throw new Error(`no feature "${f}" is registered`);
  return t;
}

export const may = (a: Actor, f: Feature): boolean => featureTest(f)(a);

/** 403 unless the caller may use this feature; the system (sign-in not required) may use all. */
export function assertMay(req: FastifyRequest, f: Feature): Actor | undefined {
  if (req.system) return undefined;
  const a = req.actor;
  if (!a) throw unauthorized();
  if (!featureTest(f)(a)) throw forbidden();
  return a;
}

/** Whether the caller of a request sees analyses with money figures. */
export const seesFigures = (req: FastifyRequest) => !req.actor || FEATURES.seeFigures(req.actor);
