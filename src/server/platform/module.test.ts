import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorMessage, fieldProblem, isErrorCode } from '../../contracts/errors.js';
import { NOT_DATA, SETUP_TABLES } from '../../db/backup/catalog.js';
import { Sql } from '../lib/sql.js';
import type { Actor } from '../modules/auth/actor.js';
import { MODULES } from '../modules/index.js';
import { inboxKinds } from './inbox/index.js';
import { defineJob, jobDefs } from './jobs/define.js';
import { installModules, type ModuleManifest } from './module.js';
import { may, permissionsOf, readScope, redact, writeScope } from './policy/index.js';

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  userId: 7,
  username: 'u',
  role,
  organisationId: 1,
  regionCodes: [],
  enterpriseId: null,
  readOnly: false,
  ...extra,
});

const widgets: ModuleManifest = {
  name: 'widgets',
  policies: {
    widgets: {
      read: (a, q) => (a.role === 'enterprise_user' ? `t.enterprise_id = ${q.p(a.enterpriseId ?? -1)}` : null),
      write: (a) => (a.role === 'city_admin' ? null : false),
      create: (a) => (a.role === 'city_admin' ? 'scoped' : false),
      confidential: ['priceWan'],
      seesConfidential: (a) => a.role === 'city_admin',
    },
  },
  features: { 'widgets.polish': (a) => a.role === 'investment_officer' },
  errors: { 'widgets.too_shiny': { zh: '太亮了', en: 'Too shiny' } },
};

describe('module manifests on the platform', () => {
  installModules([widgets]);

  it("serves a module's policy through readScope, writeScope and redact", () => {
    const q = new Sql();
    expect(readScope(actor('enterprise_user', { enterpriseId: 5 }), 'widgets', q)).toBe('t.enterprise_id = $1');
    expect(writeScope(actor('viewer'), 'widgets', new Sql())).toBe(false);
    expect(redact(actor('viewer'), 'widgets', { id: 1, priceWan: 3 })).toEqual({
      id: 1,
      priceWan: null,
      redacted: ['priceWan'],
    });
    expect(redact(actor('city_admin'), 'widgets', { id: 1, priceWan: 3 })).toEqual({ id: 1, priceWan: 3 });
  });

  it('fails closed on a resource nobody registered', () => {
    expect(() => readScope(actor('viewer'), 'gadgets', new Sql())).toThrow(/no policy/);
    expect(() => redact(actor('viewer'), 'gadgets', { id: 1 })).toThrow(/no policy/);
  });

  it("lists the module's resource and right in the permission matrix", () => {
    const p = permissionsOf(actor('investment_officer'));
    expect(p.resources.widgets).toEqual({ read: true, create: false, write: 'none' });
    expect(p.resources.parks).toBeDefined();
    expect(p.features['widgets.polish']).toBe(true);
    expect(permissionsOf(actor('viewer')).features['widgets.polish']).toBe(false);
    expect(may(actor('investment_officer'), 'widgets.polish')).toBe(true);
    expect(() => may(actor('viewer'), 'widgets.unknown')).toThrow(/no feature/);
  });

  it("knows the module's error codes in both languages", () => {
    expect(isErrorCode('widgets.too_shiny')).toBe(true);
    expect(errorMessage('widgets.too_shiny')).toEqual({ zh: '太亮了', en: 'Too shiny' });
    expect(fieldProblem(['finish'], 'widgets.too_shiny').message.en).toBe('Too shiny');
    expect(() => errorMessage('widgets.nope')).toThrow(/not registered/);
  });

  it('refuses a second registration and names outside the module', () => {
    installModules([widgets]); // the same module again is a no-op
    expect(() => installModules([{ ...widgets, name: 'widgets2' }])).toThrow(/registered twice|not widgets2/);
    expect(() => installModules([{ name: 'gizmos', features: { 'widgets.x': () => true } }])).toThrow(/not gizmos/);
    expect(() => installModules([{ name: 'doohickeys', errors: { 'widgets.y': { zh: 'y', en: 'y' } } }])).toThrow(
      /not doohickeys/,
    );
  });

  it("counts a module's reference tables as set-up for restore and refuses a job kind outside it", () => {
    expect(SETUP_TABLES.has('widget_kinds')).toBe(false);
    installModules([{ name: 'sprockets', referenceTables: ['widget_kinds'] }]);
    expect(SETUP_TABLES.has('widget_kinds')).toBe(true);
    const job = defineJob({ name: 'widgets.polish', expireInSeconds: 1, retryLimit: 0, run: async () => null });
    expect(() => installModules([{ name: 'cogs', jobs: [job] }])).toThrow(/not cogs/);
  });

  it("registers a module's inbox kinds and refuses one outside it", () => {
    const kinds = { 'ratchets.clicked': z.strictObject({ ratchetId: z.number().int() }) } as const;
    installModules([{ name: 'ratchets', inbox: kinds }]);
    expect(inboxKinds()).toContain('ratchets.clicked');
    expect(() => installModules([{ name: 'springs', inbox: { 'ratchets.sprung': z.strictObject({}) } }])).toThrow(
      /not springs/,
    );
  });

  it("leaves a module's derived and runtime tables out of backups, each with its reason, claimed once", () => {
    installModules([
      {
        name: 'gears',
        derivedTables: { gear_search: 'kept by triggers on gears' },
        runtimeTables: { gear_changes: 'a change log for caches' },
      },
    ]);
    expect(NOT_DATA.get('gear_search')).toEqual({ owner: 'gears', reason: 'kept by triggers on gears', rebuilt: true });
    expect(NOT_DATA.get('gear_changes')?.rebuilt).toBe(false);
    expect(() => installModules([{ name: 'pulleys', runtimeTables: { gear_changes: 'mine' } }])).toThrow(
      /already not data for gears/,
    );
    expect(() => installModules([{ name: 'levers', derivedTables: { lever_index: ' ' } }])).toThrow(/why/);
  });
});

describe('the module list', () => {
  const dir = join(import.meta.dirname, '../modules');
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'manifest.ts')))
    .map((d) => d.name);

  it('lists every module folder that has a manifest, once, under its folder name', () => {
    expect(folders.length).toBeGreaterThan(10);
    expect(MODULES.map((m) => m.name).sort()).toEqual([...folders].sort());
  });

  it("lists every job kind in its module's manifest", () => {
    const declared = MODULES.flatMap((m) => (m.jobs ?? []).map((j) => j.name));
    const defined = jobDefs()
      .map((j) => j.name)
      .filter((n) => folders.includes(n.split('.')[0]!));
    expect(defined.length).toBeGreaterThan(5);
    expect([...declared].sort()).toEqual([...defined].sort());
  });

  it('takes each `{id}` segment and each reference table once', () => {
    const segs = MODULES.flatMap((m) => Object.keys(m.idTables ?? {}));
    expect(new Set(segs).size).toBe(segs.length);
    const tables = MODULES.flatMap((m) => m.referenceTables ?? []);
    expect(new Set(tables).size).toBe(tables.length);
    for (const t of tables) expect(SETUP_TABLES.has(t)).toBe(true);
  });

  it('keeps only platform-owned tables in the backup catalog’s own not-data list', () => {
    const platform = [...NOT_DATA].filter(([, n]) => n.owner === 'platform').map(([t]) => t);
    expect(platform.sort()).toEqual(['data_changes', 'schema_migrations', 'sessions']);
    for (const t of ['docking_posting_changes', 'enterprise_honours', 'space_unit_search'])
      expect(NOT_DATA.get(t)?.owner).toBe(MODULES.find((m) => t in { ...m.derivedTables, ...m.runtimeTables })?.name);
  });
});
