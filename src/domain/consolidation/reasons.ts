/** Why an order could not be planned, in Chinese and English. */
import type { UnplacedReason } from './types.js';

const REASONS: Record<UnplacedReason, { zh: string; en: string }> = {
  unknown_class: { zh: '货物类别不在兼容性表中', en: 'Cargo class is not in the compatibility table' },
  too_heavy: { zh: '重量超过任何集装箱的载重上限', en: 'Heavier than the payload of any container offered' },
  too_large: { zh: '体积超过任何集装箱的可用容积', en: 'Larger than the usable volume of any container offered' },
  dimension: { zh: '单件尺寸超出所有箱型的内部尺寸', en: 'A piece is larger than the inside of every container type' },
  ready_after_cutoff: { zh: '备货日期晚于所有班列的截单日', en: 'Ready after the cut-off of every departure' },
  no_destination: { zh: '没有开往该目的站的班列', en: 'No departure serves the destination station' },
  no_capacity: { zh: '可用班列的箱位已满', en: 'No container left on the departures it could take' },
  invalid_order: { zh: '订单的件数、体积或重量无效', en: 'Pieces, volume or weight of the order are not valid' },
};

export function unplacedReason(reason: UnplacedReason): { zh: string; en: string } {
  return REASONS[reason];
}
