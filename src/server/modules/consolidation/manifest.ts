import type { ModuleManifest } from '../../platform/module.js';
import { CONSOLIDATION_FIGURES } from './figures.js';
import { planJob } from './jobs.js';
import { ordersPolicy } from './policy.js';
import { registerConsolidationRoutes } from './routes.js';
import { seedConsolidation } from './seed-demo.js';

/** Rail consolidation (集拼) at a logistics hub: orders into containers on departures, cost split, quotes. */
export const consolidationModule: ModuleManifest = {
  name: 'consolidation',
  jobs: [planJob],
  idTables: { hubs: 'consolidation_hubs' },
  figures: CONSOLIDATION_FIGURES,
  routes: registerConsolidationRoutes,
  policies: { consolidation_orders: ordersPolicy },
  features: {
    // any signed-in role but the public viewer: hub operators, shippers, the city
    'consolidation.view': (a) => a.role !== 'viewer',
    // hubs and their operators are set up by the city
    'consolidation.administer': (a) => a.role === 'city_admin' && !a.readOnly,
  },
  errors: {
    'consolidation.code_taken': { zh: '该编号已被使用', en: 'This code is already used' },
    'consolidation.unknown_shipper': { zh: '登记库中没有该发货企业', en: 'No such shipper in the registry' },
    'consolidation.dg_class_required': { zh: '危险品须注明危险品类别', en: 'Dangerous goods need their class' },
    'consolidation.cutoff_after_departure': {
      zh: '截单日不能晚于发车日',
      en: 'The cut-off cannot be after the departure',
    },
    'consolidation.duplicate_container_type': { zh: '箱型重复', en: 'A container type is listed twice' },
    'consolidation.not_open': { zh: '该订单已订舱或已关闭', en: 'The order is already booked or closed' },
    'consolidation.unknown_park': { zh: '没有该园区', en: 'No such park' },
    'consolidation.unknown_user': { zh: '没有该用户', en: 'No such user' },
    'consolidation.already_member': { zh: '该用户已是本集拼中心的运营人员', en: 'The user already operates this hub' },
    'consolidation.unplaceable': { zh: '没有班列能承运该订单', en: 'No departure can take this order' },
    'consolidation.not_planned': {
      zh: '该订单尚未排入计划，请先排箱',
      en: 'The order is not in the latest plan yet: plan first',
    },
  },
  async seedDemo(tx, ctx) {
    ctx.counts.consolidationOrders = await seedConsolidation(tx, ctx.enterpriseIds.get('demo-lh-001'));
  },
  async clearDemo(tx) {
    await tx.query('delete from consolidation_hubs');
  },
};
