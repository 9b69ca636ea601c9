/**
 * Files attached to a project's documents (migration 0009): upload one file as a new document, and
 * download it. The same rights as the project's other documents: whoever may change the project may
 * attach; whoever may read it — and, behind a code name, may see the investor — may download.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fieldProblem } from '../../../contracts/errors.js';
import { idParam } from '../../../contracts/limits.js';
import type { Db } from '../../../db/connect.js';
import { invalid, notFound } from '../../lib/errors.js';
import type { Ctx } from '../../lib/resource.js';
import { ZProblem } from '../../lib/resource-routes.js';
import { present } from '../../lib/sql.js';
import { sendStoredFile, sha256Hex } from '../../lib/stored-file.js';
import { readUpload } from '../../lib/upload.js';
import { fileResponse } from '../../platform/openapi.js';
import { changes } from '../../platform/policy/index.js';
import { ctxOf } from '../auth/plugin.js';
import { appendTimeline, loadProject, loadWritable } from './repository.js';

/** Largest file a document may hold. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

const tags = ['Investment 招商'];
const ZId = z.object({ id: idParam() });
const ZChild = z.object({ id: idParam(), childId: idParam() });

export interface DocumentFileInput {
  name?: string | undefined;
  note?: string | undefined;
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/** A new document holding the file, in one transaction with its timeline entry. */
export async function addDocumentFile(db: Db, projectId: number, input: DocumentFileInput, ctx: Ctx | undefined) {
  const name = (input.name?.trim() || input.fileName).slice(0, 200);
  const problems = [];
  if (!input.fileName.trim()) problems.push(fieldProblem(['file'], 'required'));
  if (input.note && input.note.length > 1000) problems.push(fieldProblem(['note'], 'too_big'));
  if (problems.length) throw invalid(problems);
  return db.tx(async (t) => {
    await loadWritable(t, projectId, ctx);
    const [doc] = await t.query<{ id: number }>(
      'insert into project_documents (project_id, name, note, added_by) values ($1, $2, $3, $4) returning *',
      [projectId, name, input.note?.trim() || null, ctx?.actor?.username ?? 'system'],
    );
    const file = {
      file_name: input.fileName.slice(0, 255),
      content_type: input.contentType || 'application/octet-stream',
      size_bytes: input.bytes.length,
    };
    await t.query(
      `insert into project_document_files (document_id, file_name, content_type, size_bytes, sha256, content)
       values ($1, $2, $3, $4, $5, $6)`,
      [doc!.id, file.file_name, file.content_type, file.size_bytes, sha256Hex(input.bytes), input.bytes],
    );
    await appendTimeline(
      t,
      projectId,
      ctx,
      { kind: 'document', changes: { name, file: file.file_name } },
      {
        entity: 'project_documents',
        entityId: doc!.id,
        action: 'create',
        new: { projectId, name, note: input.note?.trim() || null, ...file },
      },
    );
    return present<{ id: number; name: string; fileName: string; sizeBytes: number }>({ ...doc!, ...file });
  });
}

/** The file of a document, if the actor may see the project's documents. */
export async function documentFile(db: Db, projectId: number, documentId: number, ctx: Ctx | undefined) {
  const project = await loadProject(db, projectId, ctx);
  // behind a code name the documents are withheld, as on the project page
  if (project.redacted) throw notFound();
  const [row] = await db.query<{ file_name: string; content_type: string; size_bytes: number; content: Uint8Array }>(
    `select f.file_name, f.content_type, f.size_bytes, f.content
       from project_document_files f join project_documents d on d.id = f.document_id
      where d.id = $1 and d.project_id = $2`,
    [documentId, projectId],
  );
  if (!row) throw notFound();
  return row;
}

export function registerDocumentFileRoutes(app: FastifyInstance, db: Db): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/projects/:id/documents/upload',
    {
      config: { right: changes('projects') },
      schema: {
        tags,
        summary: 'Attach a file to a project as a new document (multipart: optional `name` and `note`, then `file`)',
        description: `Up to ${MAX_DOCUMENT_BYTES / 1048576} MB. The document is named after the file unless \`name\` is given.`,
        consumes: ['multipart/form-data'],
        params: ZId,
        response: {
          201: z.looseObject({ id: z.number(), name: z.string(), fileName: z.string(), sizeBytes: z.number() }),
          403: ZProblem,
          404: ZProblem,
          413: ZProblem,
          422: ZProblem,
        },
      },
    },
    async (req, reply) => {
      const ctx = ctxOf(req);
      // rights first, so nobody uploads 20 MB to learn they may not
      await loadWritable(db, req.params.id, ctx);
      const up = await readUpload(req, MAX_DOCUMENT_BYTES);
      const doc = await addDocumentFile(
        db,
        req.params.id,
        {
          name: up.field('name'),
          note: up.field('note'),
          fileName: up.filename,
          contentType: up.mimetype,
          bytes: up.bytes,
        },
        ctx,
      );
      return reply.status(201).send(doc);
    },
  );
  r.get(
    '/api/v1/projects/:id/documents/:childId/file',
    {
      schema: {
        tags,
        summary: 'Download the file of a document',
        params: ZChild,
        response: {
          200: fileResponse(
            'The stored file: its own type when shown inline, else application/octet-stream',
            'application/octet-stream',
            '*/*',
          ),
        },
      },
    },
    async (req, reply) => {
      return sendStoredFile(reply, await documentFile(db, req.params.id, req.params.childId, ctxOf(req)));
    },
  );
}
