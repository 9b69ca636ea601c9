import { z } from 'zod';

/** A published version of a versioned rules document, as its version list shows it (server/platform/versioned-doc). */
export const ZDocVersionSummary = z
  .object({
    version: z.number().int(),
    note: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    count: z.number().int().describe('How many items the version holds'),
  })
  .describe('A published version: number, note, publisher, time and item count');
export type TDocVersionSummary = z.infer<typeof ZDocVersionSummary>;
