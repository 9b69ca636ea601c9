/** Accounts, roles and scopes (DESIGN.md M10): who may see and change what. */
import { z } from 'zod';

export const ROLES = [
  'city_admin', // 市级管理员: everything
  'city_analyst', // 市级分析员: reads everything, changes nothing
  'district_user', // 区/开发区: its zone and everything in it
  'park_operator', // 园区运营方: its parks, buildings, units and tenants
  'investment_officer', // 招商专员: its projects; the registry's public fields
  'enterprise_user', // 企业用户: its own enterprise, its own confidential figures
  'hub_operator', // 物流枢纽运营方: its hub's consolidation orders, departures and plans; the registry's public fields
  'viewer', // 访客: public fields only
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = [
  'city_bureau',
  'district',
  'park_operator',
  'enterprise',
  'investment_agency',
  'logistics_hub',
] as const;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  city_admin: { zh: '市级管理员', en: 'City administrator' },
  city_analyst: { zh: '市级分析员', en: 'City analyst' },
  district_user: { zh: '区/开发区用户', en: 'District / zone user' },
  park_operator: { zh: '园区运营方', en: 'Park operator' },
  investment_officer: { zh: '招商专员', en: 'Investment officer' },
  enterprise_user: { zh: '企业用户', en: 'Enterprise user' },
  hub_operator: { zh: '物流枢纽运营方', en: 'Logistics hub operator' },
  viewer: { zh: '访客', en: 'Viewer' },
};

/**
 * Confidential fields per resource: hidden (returned as null and listed in `redacted`) from those
 * without the right, in the API, exports and search.
 */
export const CONFIDENTIAL_FIELDS: Record<string, string[]> = {
  metrics: [
    'revenueWan',
    'outputWan',
    'valueAddedWan',
    'taxWan',
    'rndWan',
    'rndStaff',
    'energyTce',
    'emissionsT',
    'exportsWan',
  ],
  'supply-links': ['annualAmountWan'],
  enterprises: ['creditCodeValid'],
};

/** A lone UTF-16 surrogate (half of a pair): it has no UTF-8 form, so PostgreSQL cannot store it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when a string can be stored as PostgreSQL text: no NUL byte and no lone surrogate. */
export const storableText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);

/**
 * Text the database can store, refused as 422 `invalid_format` naming the field otherwise (instead of a
 * 500 from the driver or from the audit row's JSON).
 */
export const zText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).refine(storableText, { message: 'invalid_format' });

/** Every resource of the policy registry (server/platform/policy): registry kinds and projects. */
export const POLICY_RESOURCES = [
  'parks',
  'buildings',
  'floors',
  'units',
  'occupancies',
  'enterprises',
  'metrics',
  'supply-links',
  'institutions',
  'events',
  'key-figures',
  'projects',
] as const;
export type PolicyResource = (typeof POLICY_RESOURCES)[number];

/**
 * Keys that, wherever they appear in an analysis (chain health, matrix, suppliers, targets), carry
 * firms' confidential money figures or sums of them.
 */
export const CONFIDENTIAL_FIGURE_KEYS = [
  'outputWan',
  'revenueWan',
  'amountWan',
  'purchaseWan',
  'localWan',
  // a chain's local output in a scope: one firm's output when it is the chain's only firm there
  'localOutputWan',
] as const;

/**
 * Explanation codes (chain reasons) whose value and sentence state a firm's confidential figure or
 * one derived from it (growth is revenue over revenue); for those who may not see it, the value is
 * dropped and the sentence replaced by these words.
 */
export const CONFIDENTIAL_REASON_CODES: Record<string, { zh: string; en: string }> = {
  output: { zh: '年产值（保密）', en: 'Annual output (confidential)' },
  growth: { zh: '营收增长（保密）', en: 'Revenue growth (confidential)' },
  below_min_output: {
    zh: '本地产值低于门槛（产值保密）',
    en: 'Local output below the threshold (figure confidential)',
  },
  supplies_local_leader: { zh: '已为本地链主供货（以商招商）', en: 'Already supplies local chain leaders' },
};

/** A role's rights on one resource: read (scoped by the server), create, and which rows it changes. */
export const ZResourcePermission = z.object({
  read: z.boolean(),
  create: z.boolean(),
  write: z.enum(['all', 'scope', 'own', 'none']).describe('all rows, rows in its zone, its own enterprise, none'),
});

/** The permission matrix of the signed-in user, from the policy registry: what the web shows. */
export const ZPermissions = z.object({
  role: z.enum(ROLES),
  readOnly: z.boolean(),
  resources: z
    .record(z.string(), ZResourcePermission)
    .describe("By resource: the registry's kinds, projects, and each module's own resources"),
  features: z
    .object({
      projects: z.boolean().describe('The 招商项目 board, leads, events follow-up and the results dashboard'),
      issueOrders: z.boolean().describe('Issue 督办 supervision orders'),
      chainMaintain: z.boolean().describe('链图维护: templates, mapping review and leaders'),
      chainPublish: z.boolean().describe('Publish chain template versions'),
      chainShortlist: z.boolean().describe('Keep gap-filling candidates as leads'),
      import: z.boolean(),
      exportDataset: z.boolean().describe('Whole-dataset export (every field of every record)'),
      administer: z.boolean().describe('Users, organisations and the audit log'),
      organiseConferences: z.boolean(),
      jobs: z.boolean().describe('The background-job list (one’s own jobs)'),
      jobsAll: z.boolean().describe('Every user’s background jobs'),
      jobsManage: z.boolean().describe('Cancel or retry the background jobs one sees'),
    })
    .catchall(z.boolean())
    .describe("The platform's rights, and each module's own rights by their namespaced names ('docking.post')"),
});
export type TPermissions = z.infer<typeof ZPermissions>;

export const ZSignIn = z.object({
  username: zText(1, 100),
  password: z.string().min(1).max(200),
});

export const ZPassword = z
  .string()
  .min(10, { message: 'password_too_short' })
  .max(200)
  .describe('At least 10 characters');

export const ZSessionUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.number().int(),
  organisationName: z.string(),
  mustChangePassword: z.boolean(),
  enterpriseId: z.number().int().nullable().describe("The user's own enterprise (enterprise users)"),
});
export const ZSession = z.object({ user: ZSessionUser, csrfToken: z.string() });
export type TSessionUser = z.infer<typeof ZSessionUser>;

/** The demo accounts offered on the sign-in page, and their shared password (null without demo data). */
export const ZDemoAccounts = z.object({
  items: z.array(
    z.object({ username: z.string(), displayName: z.string(), role: z.enum(ROLES), organisationName: z.string() }),
  ),
  password: z.string().nullable(),
});
/** One of my API tokens as listed (the secret itself is shown once, at creation). */
export const ZApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  readOnly: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const ZTokenInput = z.object({
  name: zText(1, 100),
  readOnly: z.boolean().default(true).describe('A read-only token cannot change anything (the default)'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const ZUserInput = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9._-]+$/),
  displayName: zText(1, 100),
  role: z.enum(ROLES),
  organisationId: z.number().int().positive().max(2147483647),
  password: ZPassword.optional().describe('Omit to generate one (returned once)'),
});

export const ZUserPatch = z.object({
  version: z.number().int().min(0).max(2147483647),
  displayName: zText(1, 100).optional(),
  role: z.enum(ROLES).optional(),
  organisationId: z.number().int().positive().max(2147483647).optional(),
  disabled: z.boolean().optional(),
});

export const ZOrgInput = z.object({
  name: zText(1, 200),
  kind: z.enum(ORG_KINDS),
  regionCodes: z
    .array(z.string().regex(/^\d{6}$/))
    .max(20)
    .default([]),
  enterpriseId: z.number().int().positive().max(2147483647).nullable().optional(),
  parkIds: z.array(z.number().int().positive().max(2147483647)).max(500).default([]),
});

/** A user as the administration lists it (never the password hash). */
export const ZAdminUser = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  organisationId: z.number().int(),
  organisationName: z.string(),
  disabled: z.boolean(),
  isDemo: z.boolean().describe('A demo account (demo data)'),
  mustChangePassword: z.boolean().describe('The next sign-in must set a new password'),
  locked: z.boolean().nullable().describe('Locked out now by failed sign-ins; null when it never was'),
  createdAt: z.string(),
  version: z.number().int().describe('Optimistic-lock version, sent back with a change'),
});

/** An organisation with its scope: districts, parks (sub-parks included) and enterprise. */
export const ZAdminOrganisation = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  regionCodes: z.array(z.string()).describe("A district's GB/T 2260 codes"),
  enterpriseId: z.number().int().nullable().describe("An enterprise organisation's own enterprise"),
  parkIds: z.array(z.number().int()).describe('The parks it is responsible for'),
  userCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().describe('Optimistic-lock version, sent back with a change'),
});

/** One line of the audit log: a change (change_log) or a sign-in event (auth_events). */
export const ZAuditLogEntry = z.object({
  kind: z.enum(['change', 'auth']).describe('change: a write to a record; auth: a sign-in, sign-out or token event'),
  id: z.number().int().describe('Id within its kind'),
  at: z.string().describe('When, ISO 8601'),
  entity: z.string().describe("The table changed, or 'auth'"),
  entityId: z.string().nullable().describe('Key of the record changed, or the user id of an auth event'),
  action: z.string().describe('create / update / delete, or the auth event (sign_in, locked, …)'),
  oldValues: z.record(z.string(), z.unknown()).nullable().describe('Values before the change (changed keys only)'),
  newValues: z.record(z.string(), z.unknown()).nullable().describe('Values after the change'),
  actor: z.string().nullable().describe('User name of who did it'),
  ip: z.string().nullable().describe('Address it came from'),
  via: z.string().nullable().describe('Channel: api, admin, import:ID, demo, …'),
});
