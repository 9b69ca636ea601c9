import { describe, expect, it } from 'vitest';
import { errorMessage, fieldProblem, isErrorCode } from '../../contracts/errors.js';
import { Sql } from '../lib/sql.js';
import type { Actor } from '../modules/auth/actor.js';
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
});
