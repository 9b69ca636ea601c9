import { describe, expect, it } from 'vitest';
import { MODULES } from '../../../server/modules/index';
import { jobDefs } from '../../../server/platform/jobs/define';
import { installModules } from '../../../server/platform/module';
import { en, zh } from './messages';
import { OUTCOME_KEYS, outcomeKinds, outcomeOf } from './outcome';

const done = (kind: string, result: unknown) => ({ kind, state: 'completed', result });
const totals = { rows: 12, created: 7, updated: 3, unchanged: 2, rejected: 0, errors: 0, warnings: 1 };

describe('a completed job’s outcome by kind', () => {
  it('reads an import’s rows added and updated', () => {
    expect(outcomeOf(done('import.commit', { id: 4, status: 'committed', report: { totals } }))).toEqual({
      key: 'importCommitted',
      values: { rows: 12, created: 7, updated: 3, errors: 0, warnings: 1 },
    });
    expect(outcomeOf(done('import.check', { id: 4, status: 'validated', report: { totals } }))?.key).toBe(
      'importChecked',
    );
    expect(
      outcomeOf(done('import.commit', { id: 4, status: 'rejected', report: { totals: { ...totals, errors: 2 } } })),
    ).toMatchObject({ key: 'importRejected', values: { errors: 2 } });
  });

  it('reads meetings placed, firms assessed, figures recorded and a report’s download', () => {
    expect(
      outcomeOf(done('conferences.schedule', { scheduled: 40, requested: 45, unscheduled: [{}, {}, {}, {}, {}] })),
    ).toEqual({ key: 'scheduled', values: { scheduled: 40, requested: 45, left: 5 } });
    expect(outcomeOf(done('evaluation.run', { assessed: 300, notAssessed: 12, distribution: { A: 1 } }))).toEqual({
      key: 'evaluated',
      values: { assessed: 300, notAssessed: 12 },
    });
    expect(outcomeOf(done('cockpit.snapshot', { recorded: 9 }))).toEqual({ key: 'snapshot', values: { count: 9 } });
    expect(outcomeOf(done('cockpit.report', { bytes: 20480, url: '/api/v1/cockpit/reports/3/file' }))).toEqual({
      key: 'report',
      values: { kb: 20 },
      link: '/api/v1/cockpit/reports/3/file',
    });
    expect(outcomeOf(done('consolidation.plan', { planId: 8 }))).toEqual({ key: 'planSaved', values: { id: 8 } });
  });

  it('reads a plan’s containers, orders placed and not, its gap, and links to the hub’s plan', () => {
    const run = { planId: 8, hubId: 3, containers: 12, ordersPlaced: 57, unplaced: 2, lowerBound: 11, gap: 1 / 11 };
    expect(outcomeOf(done('consolidation.plan', run))).toEqual({
      key: 'planned',
      values: { containers: 12, placed: 57, unplaced: 2, gap: 9.1 },
      page: '/consolidation?hub=3&tab=plan',
    });
    // no link to a hub that is not a positive id
    expect(outcomeOf(done('consolidation.plan', { ...run, hubId: -1 }))).toEqual({
      key: 'planSaved',
      values: { id: 8 },
    });
    expect(outcomeOf(done('docking.rematch', { postings: 40, newMatches: 6, refreshed: 30 }))).toMatchObject({
      key: 'rematched',
      page: '/docking',
    });
  });

  it('falls back (null) for unknown kinds, unfinished jobs, odd results and foreign links', () => {
    expect(outcomeOf(done('widgets.polish', { n: 1 }))).toBeNull();
    expect(outcomeOf(done('__proto__', {}))).toBeNull();
    expect(outcomeOf({ kind: 'cockpit.snapshot', state: 'running', result: { recorded: 1 } })).toBeNull();
    expect(outcomeOf(done('cockpit.snapshot', { recorded: 'many' }))).toBeNull();
    expect(outcomeOf(done('import.commit', null))).toBeNull();
    expect(outcomeOf(done('cockpit.report', { bytes: 1, url: 'https://evil.example/x' }))).toBeNull();
    expect(outcomeOf(done('cockpit.report', { bytes: 1, url: 'javascript:alert(1)' }))).toBeNull();
  });

  it('has zh and en words for every outcome, and a reader for every job kind the modules define', () => {
    for (const k of OUTCOME_KEYS) {
      expect(zh, k).toHaveProperty(`outcome_${k}`);
      expect(en, k).toHaveProperty(`outcome_${k}`);
    }
    installModules(MODULES);
    const kinds = jobDefs().map((d) => d.name);
    expect(kinds.filter((k) => !outcomeKinds().includes(k))).toEqual([]);
    expect(outcomeKinds().filter((k) => !kinds.includes(k))).toEqual([]);
  });
});
