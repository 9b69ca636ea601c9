import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/connect.js';
import type { ModuleManifest } from '../../platform/module.js';
import { CHAIN_PRESENCE_TABLES } from './chain-presence.js';
import { registerPlanRoutes } from './plan-routes.js';
import { SPACE_FEATURES, SPACE_POLICIES } from './policy.js';
import { registerProgrammeRoutes } from './programme-routes.js';
import { registerRuleRoutes } from './rule-routes.js';
import { seedRules } from './rules.js';
import { SEARCH_INDEX_TABLES, searchIndexOf, startPruningSearchChanges } from './search-index.js';
import { registerSearchRoutes } from './search-routes.js';
import { clearSpace, seedSpace } from './seed-demo.js';
import { registerTargetRoutes } from './target-routes.js';
import { registerVacancyRoutes } from './vacancy-routes.js';

function registerSpaceRoutes(app: FastifyInstance, db: Db): void {
  registerVacancyRoutes(app, db);
  registerSearchRoutes(app, db);
  registerRuleRoutes(app, db);
  registerPlanRoutes(app, db);
  registerProgrammeRoutes(app, db);
  registerTargetRoutes(app, db);
}

/** Space for 工业上楼 (issue 13): vacancy, site selection, the 工业上楼 rules, floor planning, the programme. */
export const spaceModule: ModuleManifest = {
  name: 'space',
  referenceTables: ['space_rule_sets'],
  routes: registerSpaceRoutes,
  tracks: [...new Set([...CHAIN_PRESENCE_TABLES, ...SEARCH_INDEX_TABLES])],
  policies: SPACE_POLICIES,
  features: SPACE_FEATURES,
  errors: {
    'space.area_range': { zh: '面积上限小于下限', en: 'The largest area is below the smallest' },
    'space.load_unit': {
      zh: '楼板荷载以 kN/m² 计（1 t/m² ≈ 9.8 kN/m²），超过 100 属不可能，疑似单位填错（如 kg/m²）',
      en: 'Floor load is in kN/m² (1 t/m² ≈ 9.8 kN/m²); above 100 is impossible — a wrong unit such as kg/m²?',
    },
    'space.clear_height': { zh: '净高应在 2–30 m 之间', en: 'Clear height must lie between 2 and 30 m' },
    'space.unknown_process': {
      zh: '当前工业上楼规则中没有这个工艺',
      en: 'No such process in the current 工业上楼 rules',
    },
    'space.duplicate_process': { zh: '同一工艺在规则中出现多次', en: 'A process appears more than once in the rules' },
    'space.rule_process_code': {
      zh: '工艺代码格式不对',
      en: 'The process code is not well formed',
    },
    'space.rule_source': { zh: '规则缺少来源', en: 'The rule cites no source' },
    'space.no_draft': { zh: '没有待发布的草稿', en: 'There is no draft to publish' },
    'space.draft_stale': {
      zh: '草稿开始后已有新版本发布，请在现行版本上重新编辑',
      en: 'Another version was published after the draft started: edit the version in force again',
    },
    'space.unknown_tenant': { zh: '方案中没有这个租户', en: 'No such tenant in the plan' },
    'space.no_floors': { zh: '楼宇没有登记楼层', en: 'The building has no floors recorded' },
    'space.plan_violation': { zh: '方案违反硬性约束', en: 'The plan breaks a hard limit' },
    'space.plan_accepted': { zh: '方案已采纳，不能再修改', en: 'The plan is accepted and can no longer change' },
    'space.project_no_area': {
      zh: '项目未填写面积需求，无法发起选址',
      en: 'The project states no floor area, so no site search can start from it',
    },
    'space.scope_required': {
      zh: '区、园区或开发区目标须填写范围代码',
      en: 'A district, zone or park target needs its scope code',
    },
    'space.duplicate_target': { zh: '目标代码重复', en: 'A target code appears more than once' },
    'space.target_metric': { zh: '不是已知的指标', en: 'Not a known metric' },
    'space.target_value': { zh: '目标值不对', en: 'The target value is not right' },
    'space.unknown_scope': { zh: '范围不存在', en: 'No such scope' },
    'space.target_source': { zh: '目标缺少来源文件', en: 'The target cites no source document' },
  },
  // The site search's first query after a start would otherwise build the index (seconds at 100 k units);
  // the index's change log (migration 0049) is pruned every ten minutes while the server listens.
  async onListen(db) {
    await searchIndexOf(db);
    startPruningSearchChanges(db);
  },
  async seedReference(tx) {
    await seedRules(tx);
  },
  async seedDemo(tx, ctx) {
    Object.assign(ctx.counts, await seedSpace(tx));
  },
  async clearDemo(tx) {
    await clearSpace(tx);
  },
};
