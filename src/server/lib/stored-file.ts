/**
 * Files kept in the database (project documents' files, 0009; service tickets' files, 0024): the digest
 * stored with them and the one way they are sent back. Types a browser may show inline go with their own
 * type; anything else is sent as a plain download, never sniffed.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'text/plain']);

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface StoredFile {
  file_name: string;
  content_type: string;
  content: Uint8Array;
}

export function sendStoredFile(reply: FastifyReply, f: StoredFile) {
  const inline = INLINE_TYPES.has(f.content_type);
  return reply
    .header('content-type', inline ? f.content_type : 'application/octet-stream')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header(
      'content-disposition',
      `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.file_name)}`,
    )
    .send(Buffer.from(f.content));
}
