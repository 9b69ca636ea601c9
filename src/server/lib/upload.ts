/**
 * Reads the one file of a multipart request (@fastify/multipart, registered by the import module):
 * its bytes, name and type, and the text fields sent before it. No file → 422 naming `file`; a file
 * or form over the limits → 413; not multipart, or multipart without a boundary → 415; a broken stream keeps its own error. Every
 * upload route goes through here, so they refuse alike.
 */
import type { FastifyRequest } from 'fastify';
import { fieldProblem } from '../../contracts/errors.js';
import { hasUnsafeChars } from '../../contracts/limits.js';
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
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new AppError(415, 'not_multipart');
  // busboy throws plain errors for a malformed header (no boundary, unknown charset): the client's fault.
  if (!code && e instanceof Error && /^Multipart: |boundary/i.test(e.message))
    return new AppError(415, 'not_multipart');
  return e;
}

export async function readUpload(req: FastifyRequest, maxBytes?: number): Promise<Upload> {
  if (typeof req.file !== 'function' || !req.isMultipart()) throw new AppError(415, 'not_multipart');
  // Refused before busboy sees it: without a boundary the parts cannot be found.
  if (!/;\s*boundary=("[^"]+"|[^\s;]+)/i.test(req.headers['content-type'] ?? ''))
    throw new AppError(415, 'not_multipart');
  const part = await req.file(maxBytes ? { limits: { fileSize: maxBytes } } : undefined).catch((e: unknown) => {
    throw uploadError(e);
  });
  if (!part) throw invalid([fieldProblem(['file'], 'required')]);
  const bytes = await part.toBuffer().catch((e: unknown) => {
    throw uploadError(e);
  });
  // The JSON safety net (lib/hygiene.ts) does not see multipart bodies: the file name and text fields
  // are checked here, as they are stored (documents keep their file name).
  const unsafe = [
    ...(hasUnsafeChars(part.filename) ? ['file'] : []),
    ...Object.entries(part.fields)
      .filter(
        ([, f]) =>
          typeof (f as { value?: unknown })?.value === 'string' && hasUnsafeChars((f as { value: string }).value),
      )
      .map(([k]) => k),
  ];
  if (unsafe.length) throw invalid(unsafe.map((k) => fieldProblem([k], 'unsafe_characters')));
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
