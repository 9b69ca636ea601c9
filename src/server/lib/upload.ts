/**
 * Reads the one file of a multipart request (@fastify/multipart, registered by the import module):
 * its bytes, name and type, and the text fields sent before it. No file → 422 naming `file`; a file
 * over the limit → 413. Every upload route goes through here, so they refuse alike.
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

export async function readUpload(req: FastifyRequest, maxBytes?: number): Promise<Upload> {
  if (typeof req.file !== 'function') throw new AppError(415, 'bad_request');
  const part = await req.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined).catch(() => undefined);
  if (!part) throw invalid([fieldProblem(['file'], 'required')]);
  const bytes = await part.toBuffer().catch(() => {
    throw new AppError(413, 'payload_too_large');
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
