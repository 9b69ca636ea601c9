/**
 * Every route declares the schema of its success response, so what goes on the wire is what the
 * contract says (fastify-type-provider-zod serialises through it) and the OpenAPI document is whole.
 * A 204 has no body. Any other 2xx answer without a schema fails.
 */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { ENGINES } from './helpers/db.js';

interface Operation {
  responses?: Record<string, { content?: unknown }>;
}

describe('the OpenAPI document', () => {
  it('gives every operation a schema for its 2xx answers', async () => {
    const t = await ENGINES[0]!.create();
    const app = await buildApp({ db: t.db });
    try {
      await app.ready();
      const doc = app.swagger() as { paths: Record<string, Record<string, Operation>> };
      const missing: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const ok = Object.entries(op.responses ?? {}).some(
            ([code, r]) => code === '204' || (code.startsWith('2') && r.content !== undefined),
          );
          if (!ok) missing.push(`${method.toUpperCase()} ${path}`);
        }
      }
      expect(Object.keys(doc.paths).length).toBeGreaterThan(100);
      expect(missing, 'operations without a 2xx response schema').toEqual([]);
      // Downloads are documented as binary bodies under their own content types, not as JSON.
      const csv = doc.paths['/api/v1/export/parks']?.get?.responses?.['200']?.content as Record<string, unknown>;
      expect(Object.keys(csv ?? {}).sort()).toEqual([
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'text/csv',
      ]);
      expect(csv?.['text/csv']).toEqual({ schema: { type: 'string', format: 'binary' } });
    } finally {
      await app.close();
      await t.drop();
    }
  }, 120_000);
});
