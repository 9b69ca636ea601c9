import { describe, expect, it } from 'vitest';
import { digestMarkdown, isOverdue, isoWeekOf, reminderBucket, weekRange } from './follow-up.js';
import { originRegion } from './regions.js';
import { aggregateResults, type ResultRow } from './results.js';
import { allowedTargets, checkMove, milestoneProblems } from './stages.js';

describe('stage machine', () => {
  it('refuses to start or produce a project that was never signed', () => {
    for (const from of ['lead', 'contact', 'site_visit', 'negotiation'] as const) {
      expect(checkMove(from, 'started')).toMatchObject({ ok: false, problem: 'skips_signing' });
      expect(checkMove(from, 'in_production')).toMatchObject({ ok: false, problem: 'skips_signing' });
    }
  });
  it('refuses to reopen a lost project straight into signed or beyond', () => {
    expect(checkMove('lost', 'signed', 'back')).toMatchObject({ ok: false, problem: 'skips_signing' });
    expect(checkMove('lost', 'in_production', 'back')).toMatchObject({ ok: false, problem: 'skips_signing' });
    expect(checkMove('lost', 'negotiation', 'talks resumed')).toMatchObject({ ok: true });
  });
  it('requires a reason to lose a project, from any stage', () => {
    expect(checkMove('negotiation', 'lost')).toMatchObject({ ok: false, problem: 'reason_required' });
    expect(checkMove('negotiation', 'lost', '   ')).toMatchObject({ ok: false, problem: 'reason_required' });
    expect(checkMove('started', 'lost', '投资方资金链断裂')).toMatchObject({ ok: true });
  });
  it('lets a pre-signing project move freely and sign from any pre-signing stage', () => {
    expect(checkMove('lead', 'negotiation').ok).toBe(true);
    expect(checkMove('negotiation', 'contact').ok).toBe(true);
    expect(checkMove('lead', 'signed').ok).toBe(true);
  });
  it('after signing moves on in order and steps back one stage only, with a reason', () => {
    expect(checkMove('signed', 'started').ok).toBe(true);
    expect(checkMove('started', 'in_production').ok).toBe(true);
    expect(checkMove('started', 'signed')).toMatchObject({ ok: false, problem: 'reason_required' });
    expect(checkMove('started', 'signed', '误操作').ok).toBe(true);
    expect(checkMove('in_production', 'signed', 'x')).toMatchObject({ ok: false, problem: 'not_allowed' });
    expect(checkMove('signed', 'negotiation', '对方撤回签约').ok).toBe(true);
    expect(checkMove('signed', 'lead', 'x')).toMatchObject({ ok: false, problem: 'not_allowed' });
  });
  it('never allows a move to the same stage and lists only legal targets', () => {
    expect(checkMove('lead', 'lead')).toMatchObject({ ok: false, problem: 'same_stage' });
    expect(allowedTargets('lead')).toEqual(['contact', 'site_visit', 'negotiation', 'signed', 'lost']);
    expect(allowedTargets('in_production')).toEqual(['started', 'lost']);
  });
});

describe('origin region', () => {
  it('classifies provinces into the named regions', () => {
    expect(originRegion('110105')).toBe('jjj');
    expect(originRegion('13')).toBe('jjj');
    expect(originRegion('310115')).toBe('yrd');
    expect(originRegion('320500')).toBe('yrd');
    expect(originRegion('340100')).toBe('yrd');
    expect(originRegion('500000')).toBe('chengyu');
    expect(originRegion('510100')).toBe('chengyu');
    expect(originRegion('420112')).toBe('middle_yangtze');
    expect(originRegion('430100')).toBe('middle_yangtze');
    expect(originRegion('610100')).toBe('other_domestic');
  });
  it('puts the Pearl River Delta cities, Hong Kong and Macao in the Greater Bay Area, not the rest of Guangdong', () => {
    expect(originRegion('440300')).toBe('gba');
    expect(originRegion('441900')).toBe('gba');
    expect(originRegion('44')).toBe('gba');
    expect(originRegion('810000')).toBe('gba');
    expect(originRegion('440500')).toBe('other_domestic'); // 汕头
  });
  it('puts a foreign country overseas and no information under unknown', () => {
    expect(originRegion(null, 'DE')).toBe('overseas');
    expect(originRegion('310000', 'CN')).toBe('yrd');
    expect(originRegion(null)).toBe('unknown');
    expect(originRegion('abc')).toBe('unknown');
  });
});

describe('follow-up discipline', () => {
  it('computes ISO weeks and their ranges', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-11-22')).toBe('2026-W47');
    expect(weekRange('2026-W47')).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(weekRange('2026-W60')).toBeNull();
    expect(weekRange('2026-47')).toBeNull();
  });
  it('flags overdue follow-ups of open projects only', () => {
    expect(isOverdue('2026-11-01', 'negotiation', '2026-11-22')).toBe(true);
    expect(isOverdue('2026-11-22', 'negotiation', '2026-11-22')).toBe(false);
    expect(isOverdue('2026-11-01', 'lost', '2026-11-22')).toBe(false);
    expect(isOverdue('2026-11-01', 'in_production', '2026-11-22')).toBe(false);
    expect(reminderBucket('2026-11-21', '2026-11-22')).toBe('overdue');
    expect(reminderBucket('2026-11-22', '2026-11-22')).toBe('today');
    expect(reminderBucket('2026-11-29', '2026-11-22')).toBe('this_week');
    expect(reminderBucket('2026-11-30', '2026-11-22')).toBe('later');
  });
  it('renders a digest with every section', () => {
    const md = digestMarkdown(
      {
        week: '2026-W47',
        from: '2026-11-16',
        to: '2026-11-22',
        officer: { id: 1, displayName: '张三' },
        projects: 2,
        moves: [
          { projectId: 1, codeName: 'A1', fromStage: 'negotiation', toStage: 'signed', at: '2026-11-17T08:00:00Z' },
        ],
        followUps: [],
        overdue: [{ projectId: 2, codeName: 'B2', nextFollowUpOn: '2026-11-10', daysOverdue: 12 }],
        orders: [],
      },
      'zh',
    );
    expect(md).toContain('**A1**: 洽谈 → 签约');
    expect(md).toContain('已逾期 12 天');
    expect(md).toContain('## 督办事项\n\n无。');
  });
});

describe('results', () => {
  const row = (over: Partial<ResultRow>): ResultRow => ({
    id: 1,
    stage: 'lead',
    lostFromStage: null,
    investmentWan: null,
    owner: null,
    park: null,
    chainCode: null,
    originRegion: 'unknown',
    events: [],
    intention: false,
    ...over,
  });
  it('builds the funnel from current stages and the stage lost from', () => {
    const r = aggregateResults([
      row({
        stage: 'started',
        investmentWan: 1000,
        originRegion: 'yrd',
        events: [{ id: 5, name: '苏州' }],
        intention: true,
      }),
      row({ stage: 'lost', lostFromStage: 'negotiation', intention: true }),
      row({ stage: 'signed', investmentWan: 500, originRegion: 'yrd', events: [{ id: 5, name: '苏州' }] }),
      row({ stage: 'contact' }),
    ]);
    expect(r.funnel.find((f) => f.stage === 'lead')?.reached).toBe(4);
    expect(r.funnel.find((f) => f.stage === 'negotiation')?.reached).toBe(3);
    expect(r.funnel.find((f) => f.stage === 'signed')).toEqual({ stage: 'signed', current: 1, reached: 2 });
    expect(r.lost).toBe(1);
    expect(r.byEvent).toEqual([
      {
        key: '5',
        label: '苏州',
        projects: 2,
        signings: 2,
        investmentWan: 1500,
        contractedWan: 0,
        fundsInPlaceWan: 0,
        started: 1,
      },
    ]);
    expect(r.byRegion[0]).toMatchObject({ key: 'yrd', signings: 2, investmentWan: 1500 });
    expect(r.conversion).toEqual({ intentions: 2, signed: 1, started: 1 });
  });
});

describe('milestones of a stage move', () => {
  const none = { signedOn: null, startedOn: null };
  it('asks a signing for its date, agreement kind and contracted investment', () => {
    expect(milestoneProblems('negotiation', 'signed', {}, none, '2026-12-06').map((p) => p.field)).toEqual([
      'onDate',
      'agreementKind',
      'contractedInvestmentWan',
    ]);
    expect(
      milestoneProblems(
        'lead',
        'signed',
        { onDate: '2026-12-01', agreementKind: 'framework', contractedInvestmentWan: 0 },
        none,
        '2026-12-06',
      ),
    ).toEqual([]);
  });
  it('asks a start and production for a date not before the previous milestone nor in the future', () => {
    const signed = { signedOn: '2026-05-01', startedOn: null };
    expect(milestoneProblems('signed', 'started', {}, signed, '2026-12-06')).toEqual([
      { field: 'onDate', problem: 'required' },
    ]);
    expect(milestoneProblems('signed', 'started', { onDate: '2026-04-30' }, signed, '2026-12-06')).toEqual([
      { field: 'onDate', problem: 'before_previous' },
    ]);
    expect(
      milestoneProblems(
        'started',
        'in_production',
        { onDate: '2026-06-01' },
        { ...signed, startedOn: '2026-07-01' },
        '2026-12-06',
      ),
    ).toEqual([{ field: 'onDate', problem: 'before_previous' }]);
    expect(milestoneProblems('signed', 'in_production', { onDate: '2027-01-01' }, signed, '2026-12-06')).toEqual([
      { field: 'onDate', problem: 'in_future' },
    ]);
  });
  it('needs nothing for a step back or a move before signing', () => {
    expect(milestoneProblems('started', 'signed', {}, none, '2026-12-06')).toEqual([]);
    expect(milestoneProblems('lead', 'negotiation', {}, none, '2026-12-06')).toEqual([]);
  });
});
