/**
 * change_log has one writer: src/server/platform/audit.ts (writeAudit). Any other statement that
 * inserts into it would bypass the actor, the address and the caller's transaction, so this test
 * reads every source file under src/ and fails on one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const WRITER = 'src/server/platform/audit.ts';
const INSERT = /insert\s+into\s+(?:public\.)?"?change_log"?/gi;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.(ts|tsx|mjs|js|sql)$/.test(e.name)) yield p;
  }
}

/** Every `insert into change_log` under src/ as "path:line", the one writer excepted. */
function changeLogWriters(): string[] {
  const out: string[] = [];
  for (const file of files(join(ROOT, 'src'))) {
    const rel = relative(ROOT, file).split('\\').join('/');
    if (rel === WRITER) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(INSERT)) out.push(`${rel}:${text.slice(0, m.index).split('\n').length}`);
  }
  return out;
}

describe('the one audit writer', () => {
  it('is the only code under src/ that inserts into change_log', () => {
    expect(changeLogWriters(), 'write change_log through writeAudit() in src/server/platform/audit.ts').toEqual([]);
  });

  it('finds a writer that bypasses it (the search itself works)', () => {
    expect(INSERT.test('await db.query(`INSERT  INTO change_log (entity) values ($1)`)')).toBe(true);
    INSERT.lastIndex = 0;
    expect(readFileSync(join(ROOT, WRITER), 'utf8').match(INSERT)?.length).toBe(1);
  });
});
