/** Docking's refusals, each naming its field in Chinese and English. */
import { fieldProblem } from '../../../contracts/errors.js';
import { invalid } from '../../lib/errors.js';

export const DOCKING_ERRORS = {
  'docking.unknown_node': { zh: '不是现行产业链图谱中的节点', en: 'not a node of the current chain templates' },
  'docking.expired': { zh: '有效期已过，不能早于今天', en: 'the validity has passed; it cannot be before today' },
  'docking.unit_mismatch': {
    zh: '计量单位与供需类别不符（如服务不能以吨计）',
    en: 'the unit does not fit the category (a service is not sold by the tonne)',
  },
  'docking.unit_required': { zh: '填写数量时须填写单位', en: 'a quantity needs its unit' },
  'docking.not_yours': {
    zh: '只能为本企业（或本辖区企业）发布',
    en: 'you may post only for your own firm or firms in your zone',
  },
  'docking.unknown_enterprise': { zh: '企业不存在', en: 'no such enterprise' },
  'docking.unknown_region': { zh: '不是有效的行政区划代码', en: 'not a known region code' },
  'docking.contact_first': {
    zh: '双方均表示有意向、交换联系方式后才能登记成交',
    en: 'both sides must be interested (contacts exchanged) before a deal is recorded',
  },
  'docking.not_a_side': { zh: '您不代表该匹配的任何一方', en: 'you act for neither side of this match' },
  'docking.already_decided': { zh: '已作出决定，不再重复询问', en: 'this side has already decided' },
} as const;
export type DockingError = keyof typeof DOCKING_ERRORS;

/** A field problem with docking's own code (registered through the manifest's `errors`). */
export const problem = (path: (string | number)[], e: DockingError) => fieldProblem(path, e);

export const refuse = (path: (string | number)[], e: DockingError) => invalid([problem(path, e)]);
