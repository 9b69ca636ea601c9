/**
 * OpenAPI declarations for responses that are files, not JSON. Fastify sends a Buffer (or a string
 * under a non-JSON content type) as is, without the zod serializer, so the schema here only
 * documents the body: a binary string under each content type the route may answer with.
 */
import { z } from 'zod';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv';

/** The 2xx entry of `response` for a download: `{ 200: fileResponse('…', XLSX_TYPE) }`. */
export function fileResponse(description: string, ...types: string[]) {
  // Typed as Buffer | string so handlers may send either; the zod schema is only ever turned into
  // JSON Schema for the document, never run on a body (see above).
  const schema = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<Buffer | string>;
  return { description, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
}
