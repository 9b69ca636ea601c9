/**
 * Every word the audit log and the inbox can need, in both languages: each entity and field the server
 * writes to change_log, and each notification kind it can send, has a zh and an en label in its owning
 * feature's messages.ts (or the shared list of app/i18n) — so a module that forgets one fails here,
 * instead of showing 其他字段 / Other field or a bare code.
 *
 * What the server audits is read from its source with the TypeScript checker: every object literal that
 * is an audit entry (`entity`, `entityId`, `action`) gives its entity (a string literal or a const) and
 * the keys of its `old` / `new` values' types; the registry's entities (written through one generic
 * writer) give their specs' input fields.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZConferenceSettingsInput, ZParticipantInput, ZRequestInput } from '../../../contracts/conferences';
import { ZContactInput, ZDocumentInput, ZProjectPatch } from '../../../contracts/invest';
import { MODULES } from '../../../server/modules/index';
import { REGISTRY_RESOURCES } from '../../../server/modules/registry/specs';
import { inboxKinds } from '../../../server/platform/inbox/index';
import { testTranslator as translator } from '../../app/i18n/test-translator';
import zhCN from '../../app/i18n/zh-CN';
import { noticeKey } from '../inbox/notice-key';
import { jobKindKey } from '../jobs/kind-key';
import { auditEntityLabel, auditFieldLabel, camel, entityOwner, HIDDEN, type Translator } from './values';

const ROOT = resolve(__dirname, '../../../..');

/** A key that reads as text (not a group of keys). */
const isString = (tr: Translator, key: string) => tr.exists(key) && typeof tr.t(key) === 'string';

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** entity → fields (top-level keys of old / new), and the audit entries whose entity or fields the checker cannot name. */
function auditedByTheServer(): { fields: Map<string, Set<string>>; unresolved: string[] } {
  const roots = tsFiles(join(ROOT, 'src/server')).filter((f) => readFileSync(f, 'utf8').includes('entityId'));
  const program = ts.createProgram(roots, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    types: ['node'],
  });
  const checker = program.getTypeChecker();
  const fields = new Map<string, Set<string>>();
  const unresolved: string[] = [];
  // A value's keys, and one level down the keys of a record or a list of records in it (an order's lock,
  // a mapping's evidence): the log shows those as labelled fields too.
  const keysOf = (type: ts.Type, acc: Set<string>, depth = 0) => {
    for (const t of type.isUnion() ? type.types : [type]) {
      if (checker.isArrayType(t) || checker.isTupleType(t)) {
        // A list's (or a tuple's, such as a [lng, lat] point) items, not the array's own members.
        for (const item of checker.getTypeArguments(t as ts.TypeReference)) keysOf(item, acc, depth);
        continue;
      }
      if (!(t.flags & ts.TypeFlags.Object) || ['Date', 'Buffer'].includes(t.getSymbol()?.getName() ?? '')) continue;
      for (const p of t.getProperties()) {
        acc.add(p.getName());
        if (depth === 0) keysOf(checker.getTypeOfSymbol(p), acc, 1);
      }
    }
  };
  const named = (o: ts.ObjectLiteralExpression, name: string) =>
    o.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name);
  const isEntry = (o: ts.ObjectLiteralExpression) => named(o, 'entity') && named(o, 'entityId') && named(o, 'action');
  /** The entity an entry names: a string literal as written, or a const's literal type (ORDERS). */
  const entitiesOf = (o: ts.ObjectLiteralExpression): string[] => {
    for (const p of o.properties) {
      if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || p.name.text !== 'entity') continue;
      if (ts.isStringLiteralLike(p.initializer)) return [p.initializer.text];
      const type = checker.getTypeAtLocation(p.initializer);
      return (type.isUnion() ? type.types : [type])
        .filter((x) => x.isStringLiteral())
        .map((x) => (x as ts.StringLiteralType).value);
    }
    return [];
  };
  /** `{ ...audit, old, new }` where `const audit = { entity, entityId, action }`: the entry spread in. */
  const spreadEntry = (o: ts.ObjectLiteralExpression): ts.ObjectLiteralExpression | undefined => {
    for (const p of o.properties) {
      if (!ts.isSpreadAssignment(p) || !ts.isIdentifier(p.expression)) continue;
      const decl = checker.getSymbolAtLocation(p.expression)?.valueDeclaration;
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isObjectLiteralExpression(decl.initializer))
        if (isEntry(decl.initializer)) return decl.initializer;
    }
    return undefined;
  };
  for (const sf of program.getSourceFiles()) {
    if (!sf.fileName.startsWith(join(ROOT, 'src/server')) || sf.fileName.endsWith('.test.ts')) continue;
    const visit = (n: ts.Node) => {
      const spread = ts.isObjectLiteralExpression(n) && !isEntry(n) ? spreadEntry(n) : undefined;
      if (ts.isObjectLiteralExpression(n) && (isEntry(n) || spread)) {
        const where = `${sf.fileName.slice(ROOT.length + 1)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
        const entities = entitiesOf(spread ?? n);
        const keys = new Set<string>();
        for (const p of n.properties) {
          if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) {
            if (p.name.text === 'old' || p.name.text === 'new') keysOf(checker.getTypeAtLocation(p.initializer), keys);
          } else if (ts.isShorthandPropertyAssignment(p) && (p.name.text === 'old' || p.name.text === 'new')) {
            keysOf(checker.getTypeAtLocation(p.name), keys);
          } else if (ts.isSpreadAssignment(p)) {
            const type = checker.getTypeAtLocation(p.expression);
            for (const k of ['old', 'new']) {
              const s = type.getProperty(k);
              if (s) keysOf(checker.getTypeOfSymbol(s), keys);
            }
          }
        }
        // an entry spread into others (`const audit = { entity, … }`) has its fields there
        const spreadLater = !spread && !named(n, 'old') && !named(n, 'new');
        if (entities.length === 0) unresolved.push(`${where}: entity`);
        else if (keys.size === 0 && !spreadLater) unresolved.push(`${where}: fields of ${entities.join(', ')}`);
        for (const e of entities) {
          const set = fields.get(e) ?? new Set<string>();
          for (const k of keys) set.add(k);
          fields.set(e, set);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  // Writers that audit a request's own fields (typed as records): the contracts name them.
  for (const [entity, schema] of [
    ['projects', ZProjectPatch],
    ['project_contacts', ZContactInput],
    ['project_documents', ZDocumentInput],
    ['conference_settings', ZConferenceSettingsInput],
    ['conference_participants', ZParticipantInput],
    ['conference_requests', ZRequestInput],
  ] as const) {
    const set = fields.get(entity) ?? new Set<string>();
    for (const k of Object.keys(schema.shape)) if (k !== 'version') set.add(k);
    fields.set(entity, set);
  }
  // The registry's entities go through one generic writer (lib/resource.ts): their specs name the fields.
  for (const spec of REGISTRY_RESOURCES) {
    const set = fields.get(spec.table) ?? new Set<string>();
    for (const k of Object.keys(spec.input.shape)) set.add(k);
    fields.set(spec.table, set);
  }
  return { fields, unresolved };
}

describe('the words of the audit log and the inbox', () => {
  let zh: Translator;
  let en: Translator;
  let audited: ReturnType<typeof auditedByTheServer>;
  beforeAll(async () => {
    zh = await translator('zh-CN');
    en = await translator('en-US');
    audited = auditedByTheServer();
  }, 180_000);

  it('finds the audit entries of every module in the server’s source', () => {
    const entities = [...audited.fields.keys()];
    // one per kind of writer: a module's literal, a const (consolidation's ORDERS), the registry's specs
    for (const e of ['docking_postings', 'consolidation_orders', 'parks', 'lifecycle_transitions', 'service_tickets'])
      expect(entities).toContain(e);
    expect(audited.fields.get('lifecycle_transitions')).toContain('occurredOn');
    expect(entities.length).toBeGreaterThan(60);
  });

  it('can name the entity and fields of every audit entry, but for the generic writers listed here', () => {
    // Each of these writes a table's rows as records; their fields are checked through the registry's specs
    // and the contracts above. A new writer the checker cannot read fails here: type its old / new values.
    const GENERIC = [
      'src/server/lib/resource.ts: entity', // the registry's resources (spec.table)
      'src/server/modules/import/write.ts: entity', // imports into the registry's tables
      'src/server/modules/cockpit/update-requests.ts: entity', // a figure's as-of date on its own table
      'src/server/modules/conferences/routes.ts: entity', // conference_participants / _requests imports (counts)
      'src/server/modules/docking/matches.ts: fields of docking_matches',
      'src/server/modules/invest/follow-ups.ts: fields of project_documents, project_contacts',
      'src/server/modules/invest/projects.ts: fields of projects',
      'src/server/modules/services/tickets.ts: fields of service_tickets',
      'src/server/platform/versioned-doc.ts: entity', // a versioned document's table, named by its spec (space rules, targets)
      'src/server/platform/pdf/job.ts: entity', // a PDF report's table, named by its job (cockpit reports, letters)
    ];
    expect(
      [...new Set(audited.unresolved.map((u) => u.replace(/:\d+:/, ':')))].filter((u) => !GENERIC.includes(u)),
    ).toEqual([]);
  });

  it('labels every audited entity in zh and en (no 其他记录 / Other record)', () => {
    const missing: string[] = [];
    for (const [lang, tr] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      const other = tr.t('audit.entity.other');
      for (const e of audited.fields.keys()) if (auditEntityLabel(tr, e) === other) missing.push(`${lang} ${e}`);
    }
    expect(missing).toEqual([]);
  });

  it('labels every audited field of every entity in zh and en (no 其他字段 / Other field)', () => {
    const missing: string[] = [];
    for (const [lang, tr] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      const other = tr.t('audit.field.other');
      for (const [e, fields] of audited.fields)
        for (const f of fields)
          if (!HIDDEN.has(camel(f)) && auditFieldLabel(tr, e, f) === other) missing.push(`${lang} ${e}.${f}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps each module’s entity labels in its own feature, not in the shared list', () => {
    const shared = Object.keys((zhCN as unknown as { audit: { entity: object } }).audit.entity);
    const moduleEntity = /^(chain|docking|service|consolidation|project|conference|cockpit|space|evaluation|renewal)_/;
    expect(shared.filter((e) => moduleEntity.test(e))).toEqual([]);
  });

  it('keeps a value label shared only when entities of several features (or the registry) write its field', () => {
    // a field only one feature's entities write has its codes' labels in that feature (`<ns>.audit.value`)
    const shared = Object.keys((zhCN as unknown as { audit: { value: object } }).audit.value);
    // fields the platform's generic writers write for several modules, unseen by the checker above:
    // a versioned document's publication `from` (platform/versioned-doc.ts: space and evaluation rules)
    const PLATFORM = new Set(['from']);
    const ownedByOne: string[] = [];
    for (const g of shared.filter((x) => !PLATFORM.has(x))) {
      const owners = new Set(
        [...audited.fields]
          .filter(([, fs]) => [...fs].some((f) => camel(f) === g))
          .map(([e]) => entityOwner(e) ?? 'registry'),
      );
      if (owners.size === 1 && !owners.has('registry')) ownedByOne.push(`${g}: ${[...owners][0]}`);
    }
    expect(ownedByOne).toEqual([]);
  });

  it('has a zh and an en template, in the sending module’s feature, for every notification kind', () => {
    // the kinds the modules' manifests declare (contracts/<module>-inbox.ts), as the server registers them
    const kinds = MODULES.flatMap((m) => Object.keys(m.inbox ?? {}));
    expect(kinds.length).toBeGreaterThan(8);
    expect([...kinds].sort()).toEqual([...inboxKinds()].sort());
    const missing: string[] = [];
    for (const kind of kinds) {
      const key = noticeKey(kind);
      expect(key.startsWith('inbox.'), kind).toBe(false);
      if (!zh.exists(key)) missing.push(`zh ${kind}`);
      if (!en.exists(key)) missing.push(`en ${kind}`);
    }
    expect(missing).toEqual([]);
  });

  it('names every job kind the modules define in zh and en, in the module’s feature (never the kind’s code)', () => {
    const kinds = MODULES.flatMap((m) => (m.jobs ?? []).map((j) => j.name));
    expect(kinds.length).toBeGreaterThan(8);
    const missing: string[] = [];
    for (const kind of kinds) {
      const key = jobKindKey(kind);
      expect(key.startsWith('jobs.'), kind).toBe(false);
      if (!isString(zh, key)) missing.push(`zh ${kind}`);
      if (!isString(en, key)) missing.push(`en ${kind}`);
    }
    expect(missing).toEqual([]);
  });
});
