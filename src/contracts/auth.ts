/** Accounts, roles and scopes (DESIGN.md M10): who may see and change what. */
import { z } from 'zod';

export const ROLES = [
  'city_admin', // 市级管理员: everything
  'city_analyst', // 市级分析员: reads everything, changes nothing
  'district_user', // 区/开发区: its zone and everything in it
  'park_operator', // 园区运营方: its parks, buildings, units and tenants
  'investment_officer', // 招商专员: its projects; the registry's public fields
  'enterprise_user', // 企业用户: its own enterprise, its own confidential figures
  'viewer', // 访客: public fields only
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['city_bureau', 'district', 'park_operator', 'enterprise', 'investment_agency'] as const;

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  city_admin: { zh: '市级管理员', en: 'City administrator' },
  city_analyst: { zh: '市级分析员', en: 'City analyst' },
  district_user: { zh: '区/开发区用户', en: 'District / zone user' },
  park_operator: { zh: '园区运营方', en: 'Park operator' },
  investment_officer: { zh: '招商专员', en: 'Investment officer' },
  enterprise_user: { zh: '企业用户', en: 'Enterprise user' },
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
