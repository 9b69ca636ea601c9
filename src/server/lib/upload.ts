/**
 * Reads the one file of a multipart request (@fastify/multipart, registered by the import module):
 * its bytes, name and type, and the text fields sent before it. No file → 422 naming `file`; a file
 * or form over the limits → 413; not multipart → 415; a broken stream keeps its own error. Every
 * upload route goes through here, so they refuse alike.
 */
import type { FastifyRequest } from 'fastify';
import { fieldProblem } from '../../contracts/errors.js';
import { AppError, invalid } from './errors.js';

export interface Upload {
  bytes: Buffer;
  filename: string;
  mimetype: string;
  /** A text field sent before the file; empty counts as absent. */
  field(name: string): string | undefined;
}

/** @fastify/multipart's errors as the API's: too large → 413, not multipart → 415, anything else as it was. */
function uploadError(e: unknown): unknown {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT')
    return new AppError(413, 'payload_too_large');
  if (code === 'FST_FIELDS_LIMIT') return new AppError(413, 'payload_too_large');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'bad_request');
  return e;
}

export async function readUpload(req: FastifyRequest, maxBytes?: number): Promise<Upload> {
  if (typeof req.file !== 'function' || !req.isMultipart()) throw new AppError(415, 'bad_request');
  const part = await req.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined).catch((e: unknown) => {
    throw uploadError(e);
  });
  if (!part) throw invalid([fieldProblem(['file'], 'required')]);
  const bytes = await part.toBuffer().catch((e: unknown) => {
    throw uploadError(e);
  });
  return {
    bytes,
    filename: part.filename,
    mimetype: part.mimetype,
    field(name) {
      const f = part.fields[name] as { value?: unknown } | undefined;
      return typeof f?.value === 'string' && f.value ? f.value : undefined;
    },
  };
}
