/**
 * The rows the investment use cases answer with, as their SQL selects them (camelCased by `present`).
 * schema-check.ts checks at compile time that the response schemas of contracts/invest.ts agree.
 */
import type { ProjectStage, TProject } from '../../../contracts/invest.js';

export interface OrderRow {
  id: number;
  projectId: number;
  issuedBy: number | null;
  assigneeId: number | null;
  instruction: string;
  dueOn: string;
  status: 'open' | 'responded' | 'closed';
  response: string | null;
  respondedAt: string | null;
  closedAt: string | null;
  synthetic: boolean;
  version: number;
  createdAt: string;
  codeName: string;
  issuedByName: string | null;
  assigneeName: string | null;
  overdue: boolean;
}

export interface ContactRow {
  id: number;
  projectId: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  note: string | null;
  createdAt: string;
}

export interface DocumentRow {
  id: number;
  projectId: number;
  name: string;
  url: string | null;
  note: string | null;
  addedBy: string | null;
  createdAt: string;
}
export interface DocumentWithFileRow extends DocumentRow {
  fileName: string | null;
  contentType: string | null;
  sizeBytes: number | null;
}

export interface FollowUpRow {
  id: number;
  projectId: number;
  onDate: string;
  kind: 'visit' | 'call' | 'meeting' | 'other';
  note: string | null;
  nextOn: string | null;
  byUserId: number | null;
  synthetic: boolean;
  createdAt: string;
}
export interface FollowUpWithByRow extends FollowUpRow {
  byName: string | null;
}

export interface TimelineRow {
  id: number;
  projectId: number;
  at: string;
  actor: string | null;
  kind: 'created' | 'stage' | 'fields' | 'follow_up' | 'order' | 'contact' | 'document' | 'outcome';
  fromStage: string | null;
  toStage: string | null;
  changes: Record<string, unknown> | null;
  note: string | null;
}

export interface ProjectOutcomeRow {
  id: number;
  eventId: number;
  projectId: number;
  kind: 'signing' | 'intention';
  onDate: string | null;
  note: string | null;
  synthetic: boolean;
  createdAt: string;
  eventName: string;
  eventKind: string;
}

export interface TeamMemberRow {
  id: number;
  displayName: string;
  role: string;
}

export interface ProjectDetail {
  project: TProject;
  team: TeamMemberRow[];
  contacts: ContactRow[];
  documents: DocumentWithFileRow[];
  followUps: FollowUpWithByRow[];
  timeline: TimelineRow[];
  outcomes: ProjectOutcomeRow[];
  orders: OrderRow[];
  contactsHidden: boolean;
}

export interface EventResults {
  signedProjects: number;
  intentionProjects: number;
  startedProjects: number;
  producingProjects: number;
  signedInvestmentWan: number;
}

export interface EventListRow extends EventResults {
  id: number;
  name: string;
  kind: string;
  city: string | null;
  startedOn: string | null;
  endedOn: string | null;
  /** The dates are inferred from the source, not stated in it: shown as approximate. */
  dateEstimated: boolean;
  signings: number | null;
  intentions: number | null;
  participants: number | null;
  sourceId: string;
  synthetic: boolean;
  asOf: string | null;
}

/** One event with its description, record fields and the people and organisations it names. */
export interface EventRow extends EventListRow {
  description: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  organisers: { name: string }[];
  participantOrgs: { name: string; kind?: string | null }[];
  people: { name: string; title?: string | null; organisation?: string | null }[];
  sourceTitle: string | null;
}

export interface ItineraryRow {
  id: number;
  eventId: number;
  position: number;
  onDate: string | null;
  kind: 'park' | 'enterprise' | 'meeting' | 'other';
  place: string;
  parkId: number | null;
  enterpriseId: number | null;
  note: string | null;
  parkName: string | null;
  enterpriseName: string | null;
}

export interface EventOutcomeRow {
  id: number;
  eventId: number;
  projectId: number;
  kind: 'signing' | 'intention';
  onDate: string | null;
  note: string | null;
  synthetic: boolean;
  createdAt: string;
  codeName: string;
  stage: ProjectStage;
  investmentWan: number | null;
  projectSynthetic: boolean;
  readable: boolean;
}

export interface EventDetail {
  event: EventRow;
  itinerary: ItineraryRow[];
  outcomes: EventOutcomeRow[];
  canEdit: boolean;
}

export interface PersonRow {
  id: number;
  displayName: string;
  role: string;
}

export interface ShortlistLeadRow {
  id: number;
  chainCode: string;
  nodeId: string;
  enterpriseId: number;
  scope: string;
  reasons: Record<string, unknown>[];
  score: number | null;
  createdBy: string | null;
  createdAt: string;
  enterpriseName: string;
  enterpriseRegion: string | null;
}
