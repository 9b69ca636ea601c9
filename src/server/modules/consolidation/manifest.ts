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
    'consolidation.not_hub_organisation': {
      zh: '没有该物流枢纽运营机构（机构类型须为物流枢纽运营方）',
      en: 'No such logistics hub organisation (its kind must be logistics hub operator)',
    },
    'consolidation.not_hub_operator': {
      zh: '只能指定本集拼中心运营机构的物流枢纽运营方账号',
      en: "Only a logistics hub operator account of the hub's own organisation can operate it",
    },
    'consolidation.already_member': { zh: '该用户已是本集拼中心的运营人员', en: 'The user already operates this hub' },
    'consolidation.booked_order_field': {
      zh: '已订舱订单的此项不能修改（会移出其锁定的箱位），请先取消订舱',
      en: 'A booked order cannot change this (it would leave its locked container): cancel the booking first',
    },
    'consolidation.cancel_booked_confirm': {
      zh: '该订单已订舱并锁定在箱中：取消须确认，其箱位随之释放',
      en: 'The order is booked into a locked container: confirm the cancellation, which gives up its place',
    },
    'consolidation.departure_has_booked': {
      zh: '该班列上有已订舱锁定的订单：取消须确认，这些订单将被释放并须重新排箱',
      en: 'Booked orders are locked on this departure: confirm, and they are released to be planned again',
    },
    'consolidation.departure_field_booked': {
      zh: '该班列上有已订舱锁定的订单：此项不能修改，请先取消班列并重新排箱',
      en: 'Booked orders are locked on this departure: this cannot change; cancel the departure and plan again',
    },
    'consolidation.departure_cancelled': { zh: '该班列已取消', en: 'The departure is cancelled' },
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
