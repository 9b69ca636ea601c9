import { describe, expect, it } from 'vitest';
import { testTranslator as translator } from '../../app/i18n/test-translator';
import { auditValueText, describeAuditValue, type Shown, viaText } from './values';

describe('auditValueText', () => {
  it('labels the codes other features write to the log, and flags as yes / no, in both languages', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    // The values the string walk found on /admin/audit after the invest and conference specs.
    expect(auditValueText(zh, 'projects', 'stage', 'lead')).toBe('线索');
    expect(auditValueText(en, 'projects', 'stage', 'lead')).toBe('Lead');
    expect(auditValueText(zh, 'conference_requests', 'status', 'accepted')).toBe('已接受');
    expect(auditValueText(en, 'conference_requests', 'status', 'accepted')).toBe('Accepted');
    expect(auditValueText(zh, 'conference_participants', 'attending', false)).toBe('否');
    expect(auditValueText(en, 'projects', 'synthetic', true)).toBe('Yes');
    // Closed vocabularies of contracts/labels.ts, per entity.
    expect(auditValueText(zh, 'parks', 'status', 'operating')).toBe('运营中');
    expect(auditValueText(en, 'enterprises', 'scale', 'medium')).toBe('Medium');
    // Statuses of entities whose feature has no label of its own (the full run's space and evaluation specs).
    expect(auditValueText(zh, 'space_floor_plans', 'status', 'draft')).toBe('草稿');
    expect(auditValueText(en, 'space_floor_plans', 'status', 'accepted')).toBe('Accepted');
    expect(auditValueText(zh, 'evaluation_rule_sets', 'status', 'published')).toBe('已发布');
  });

  it('leaves names, figures and codes without a label as they are stored', async () => {
    const zh = await translator('zh-CN');
    expect(auditValueText(zh, 'parks', 'name', '北港工业园')).toBeUndefined();
    expect(auditValueText(zh, 'parks', 'landMu', 120)).toBeUndefined();
    expect(auditValueText(zh, 'parks', 'status', 'no_such_status')).toBeUndefined();
  });
});

describe('describeAuditValue', () => {
  const lookups = async (language: 'zh-CN' | 'en-US') => ({
    ...(await translator(language)),
    nodeName: (id: string) =>
      ({ 'oe.disp_mod': language === 'en-US' ? 'Display modules' : '显示模组' })[id as 'oe.disp_mod'],
  });
  /** The text a reader sees of a described value, fields as "label: value". */
  const read = (s: Shown): string =>
    s.kind === 'empty'
      ? '∅'
      : s.kind === 'list'
        ? s.items.map(read).join(' | ')
        : s.kind === 'fields'
          ? s.items.map((x) => `${x.label}: ${read(x.value)}`).join('; ')
          : s.kind === 'text' && s.suffix
            ? `${s.text} (${s.suffix})`
            : s.text;
  const codesIn = (s: Shown): string[] =>
    s.kind === 'code'
      ? [s.text]
      : s.kind === 'list'
        ? s.items.flatMap(codesIn)
        : s.kind === 'fields'
          ? s.items.flatMap((x) => codesIn(x.value))
          : [];

  it('reads a mapping’s evidence as labelled fields and its segment by name (the chain-admin spec’s bulk confirm)', async () => {
    const evidence = [
      { kind: 'class', detail: '3974', weight: 0.6 },
      { kind: 'keyword', detail: '显示模组 (products)', weight: 0.3 },
    ];
    const zh = await lookups('zh-CN');
    const en = await lookups('en-US');
    const shownZh = describeAuditValue(zh, 'chain_mappings', 'evidence', evidence);
    expect(codesIn(shownZh)).toEqual([]);
    expect(read(shownZh)).toBe('类型: 小类; 内容: 3974; 权重: 60% | 类型: 关键词; 内容: 显示模组 (产品); 权重: 30%');
    expect(read(describeAuditValue(en, 'chain_mappings', 'evidence', evidence))).toBe(
      'Kind: class; Detail: 3974; Weight: 60% | Kind: keyword; Detail: 显示模组 (products); Weight: 30%',
    );
    expect(read(describeAuditValue(zh, 'chain_mappings', 'node_id', 'oe.disp_mod'))).toBe('显示模组');
    expect(read(describeAuditValue(en, 'chain_mappings', 'node_id', 'oe.disp_mod'))).toBe('Display modules');
    expect(read(describeAuditValue(en, 'chain_templates', 'code', 'bd'))).toBe('BeiDou');
  });

  it('labels the services codes: a message’s kind, a request’s level and channel, a visit’s findings', async () => {
    const zh = await lookups('zh-CN');
    const en = await lookups('en-US');
    expect(read(describeAuditValue(zh, 'service_ticket_messages', 'kind', 'reply'))).toBe('回复企业');
    expect(read(describeAuditValue(en, 'service_ticket_messages', 'kind', 'note'))).toBe('Internal note');
    expect(read(describeAuditValue(zh, 'service_tickets', 'level', 'park'))).not.toBe('park');
    expect(read(describeAuditValue(en, 'service_tickets', 'channel', 'enterprise'))).toBe('From the firm');
    expect(read(describeAuditValue(zh, 'service_visits', 'flags', ['hiring', 'space_need']))).toBe(
      '招聘用工 | 用地或空间需求',
    );
  });

  it('reads how a change came in: a bulk decision, an import with its number', async () => {
    expect(viaText(await translator('zh-CN'), 'api:bulk')).toBe('网页/API · 批量');
    expect(viaText(await translator('en-US'), 'api:bulk')).toBe('Web / API · bulk');
    expect(viaText(await translator('en-US'), 'import:12')).toBe('Import #12');
    expect(viaText(await translator('zh-CN'), 'admin')).toBe('管理后台');
  });

  it('leaves nothing a reader would see as a code in the values the e2e specs write', async () => {
    const zh = await lookups('zh-CN');
    const samples: [string, string, unknown][] = [
      ['docking_matches', 'via', 'rematch'],
      ['docking_matches', 'customerDecision', 'interested'],
      ['consolidation_orders', 'lock', { type: '40HQ', container: '1-40HQ-2', departureId: 1 }],
      ['consolidation_orders', 'cargoClass', 'general'],
      ['projects', 'sourceKind', 'referral'],
      ['projects', 'agreementKind', 'framework'],
      ['projects', 'sourceId', 'user'],
      ['events', 'kind', 'matchmaking_conference'],
      ['conference_runs', 'method', 'milp'],
      ['cockpit_reports', 'scope', 'enterprise:20'],
      ['cockpit_targets', 'metric', 'cockpit.little_giants'],
      ['cockpit_update_requests', 'closedAs', 'cancelled'],
      ['space_targets', 'scopeKind', 'zone'],
      ['renewal_projects', 'mode', 'retain'],
      ['lifecycle_transitions', 'stage', 'accelerator'],
      ['docking_postings', 'unit', 'kg'], // as entered, not a code
    ];
    for (const [entity, field, v] of samples) {
      const shown = describeAuditValue(zh, entity, field, v);
      expect(codesIn(shown), `${entity}.${field} = ${JSON.stringify(v)}`).toEqual([]);
      if (shown.kind !== 'text') expect(read(shown)).not.toMatch(/^[a-z_]+$/);
    }
  });
});

describe('describeAuditValue, the full run’s imports, space and policies', () => {
  it('labels an import’s mode and statuses, a floor plan’s method, a rule set’s origin; keeps a code as typed', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    expect(describeAuditValue(zh, 'imports', 'mode', 'all')).toMatchObject({ kind: 'label', text: '全部或不导入' });
    expect(describeAuditValue(en, 'imports', 'status', 'committed')).toMatchObject({ kind: 'label', text: 'Imported' });
    expect(describeAuditValue(en, 'space_floor_plans', 'method', 'mip')).toMatchObject({ text: 'Exact (MIP)' });
    expect(describeAuditValue(zh, 'space_rule_sets', 'from', 'draft')).toMatchObject({ text: '草稿' });
    expect(describeAuditValue(en, 'service_policies', 'code', 'demo-rnd-subsidy')).toEqual({
      kind: 'text',
      text: 'demo-rnd-subsidy',
      ident: true,
    });
  });
});

describe('describeAuditValue, a conference’s slots and tables', () => {
  it('reads a meeting’s slot as its session and time and its table by number, never as ids (am-09:00, T3)', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    expect(describeAuditValue(zh, 'conference_requests', 'slotId', 'am-09:00')).toMatchObject({
      kind: 'label',
      text: '上午场 09:00',
    });
    expect(describeAuditValue(en, 'conference_requests', 'slotId', 'pm-14:20')).toMatchObject({
      kind: 'label',
      text: 'Afternoon session 14:20',
    });
    // a session the organiser keyed otherwise: its key with the word for session, not a bare id
    expect(describeAuditValue(zh, 'conference_requests', 'slotId', 'd2-09:00')).toMatchObject({
      text: '场次 d2 09:00',
    });
    expect(describeAuditValue(zh, 'conference_requests', 'tableId', 'T3')).toMatchObject({ text: '3 号桌' });
    expect(describeAuditValue(en, 'conference_requests', 'tableId', 'T3')).toMatchObject({ text: 'Table 3' });
    // a participant's availability windows name their session
    const windows = describeAuditValue(zh, 'conference_participants', 'availability', [
      { session: 'pm', start: '14:00', end: '15:00' },
    ]);
    expect(JSON.stringify(windows)).toContain('"label":"场次","value":{"kind":"label","text":"下午场"');
    expect(JSON.stringify(windows)).not.toContain('其他字段');
  });
});
