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

export const ZSignIn = z.object({
  username: z.string().trim().min(1).max(100),
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
