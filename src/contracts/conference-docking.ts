/**
 * Docking events and chain-aware conferences (issue 12 item 5): the chain a conference is held for,
 * suggested meeting requests (from docking matches among its participants, and from the chain's gaps),
 * and the event's results by gap. Shared by the API and the web client.
 */
import { z } from 'zod';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const ZConferenceChainInput = z
  .object({
    chainCode: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .nullable()
      .describe('Code of the chain the conference is held for (产业链对接会), or null for none'),
  })
  .strict();

export const ZChainRef = z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() });

export const ZConferenceChain = z.object({
  chain: ZChainRef.nullable().describe('The chain the conference is held for, or null'),
  options: z.array(ZChainRef).describe('Chains a conference may be held for'),
});
export type TConferenceChain = z.infer<typeof ZConferenceChain>;

export const SUGGESTION_SOURCES = ['docking_match', 'chain_gap'] as const;

export const ZGapNode = z.object({
  nodeId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  status: z.enum(['missing', 'weak']),
  keyLink: z.boolean().describe('Key link (★) of the chain'),
});
export type TGapNode = z.infer<typeof ZGapNode>;

export const ZMeetingSuggestion = z.object({
  key: z.string().describe('Identifies the suggestion when it is accepted, e.g. match:12 or gap:oe.ld_chip:34:56'),
  source: z.enum(SUGGESTION_SOURCES),
  fromId: z.number().int().describe('The asking participant (the buyer side, or the local firm of the chain)'),
  fromOrganisation: z.string(),
  toId: z.number().int(),
  toOrganisation: z.string(),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('3 must meet, 2 meet, 1 nice to meet'),
  weight: z.number().describe('Order of the suggestions, highest first'),
  matchId: z.number().int().nullable().describe('The docking match the meeting would follow'),
  score: z.number().nullable().describe('Score of the docking match (0..1), or of the gap candidate (0..100)'),
  tier: z.string().nullable().describe('Distance tier of the docking match'),
  gap: ZGapNode.nullable().describe('The chain gap the meeting would fill'),
  reasons: z.array(bilingual),
  existingRequestId: z
    .number()
    .int()
    .nullable()
    .describe('An open request of the same pair already exists (accepting the suggestion is refused)'),
});
export type TMeetingSuggestion = z.infer<typeof ZMeetingSuggestion>;

export const ZMeetingSuggestions = z.object({
  chain: ZChainRef.nullable(),
  gaps: z.array(ZGapNode).describe("The chain's missing and weak segments in the city, worst first"),
  items: z.array(ZMeetingSuggestion),
  unlinked: z.number().int().describe('Participants without a registry enterprise: they cannot be matched'),
});
export type TMeetingSuggestions = z.infer<typeof ZMeetingSuggestions>;

export const ZAcceptSuggestions = z
  .object({
    keys: z.array(z.string().min(1).max(120)).min(1).max(500).describe('Keys of the suggestions to send'),
    status: z
      .enum(['pending', 'accepted'])
      .default('pending')
      .describe('pending: the invitee answers; accepted: the organiser records agreed meetings'),
  })
  .strict();

export const ZAcceptedSuggestions = z.object({
  created: z.array(z.object({ key: z.string(), requestId: z.number().int() })),
});

export const ZGapResult = ZGapNode.extend({
  status: z.enum(['missing', 'weak', 'strong']).describe('Status of the segment now (strong: filled since)'),
  suggested: z.number().int().describe('Open suggestions for this gap now'),
  requests: z.number().int().describe('Meeting requests made for this gap'),
  meetings: z.number().int().describe('Of them accepted (meetings)'),
  scheduled: z.number().int().describe('Of the meetings, given a slot and a table'),
  signings: z.number().int().describe("Signings at the event of projects at this node (the event's outcomes)"),
  deals: z.number().int().describe('Docking deals between participants on this node, signed from the event on'),
  pairs: z.array(z.object({ requestId: z.number().int(), a: z.string(), b: z.string(), status: z.string() })),
});

export const ZConferenceResults = z.object({
  chain: ZChainRef.nullable(),
  totals: z.object({
    requests: z.number().int(),
    meetings: z.number().int(),
    fromDocking: z.number().int().describe('Requests that follow a docking match'),
    fromGaps: z.number().int().describe('Requests that would fill a chain gap'),
    signings: z.number().int(),
    deals: z.number().int().describe('Docking deals between participants, signed from the event on'),
    gapsAddressed: z.number().int().describe('Gaps with at least one meeting, signing or deal'),
    gaps: z.number().int(),
  }),
  gaps: z.array(ZGapResult),
});
export type TConferenceResults = z.infer<typeof ZConferenceResults>;
