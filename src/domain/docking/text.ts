/**
 * Product text → terms for matching: Chinese segmented with jieba (@node-rs/jieba, its own dictionary
 * plus the chain templates' keywords and the synonym table below as user words), Latin words and
 * model numbers kept whole, stop words dropped, and synonyms folded onto one canonical term so that
 * "光收发模块" meets "光模块" and "印制电路板" meets "PCB". Pure: no I/O; the segmenter is built once.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Synonym groups, canonical term first. Kept small and maintained by hand: each line is a pair of
 * wordings buyers and sellers actually use for one thing (procurement notices, the chain templates'
 * examples); the matcher records which synonym made two texts meet.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  ['光模块', '光收发模块', '光收发器', '光收发一体模块', 'optical module', 'transceiver'],
  ['靶材', '溅射靶材', '溅射靶', '镀膜靶材', 'sputtering target', 'target'],
  ['激光器芯片', '激光芯片', 'ld芯片', '半导体激光芯片', 'laser chip'],
  ['探测器芯片', '光电探测芯片', 'pd芯片', 'apd芯片'],
  ['光器件', '光电器件', '光学器件', 'optical device'],
  ['光学元件', '光学零件', '光学镜片', '透镜', 'lens', 'optics'],
  ['光纤', '光导纤维', 'optical fiber', 'fibre', 'fiber'],
  ['光缆', '通信光缆', 'optical cable'],
  ['显示面板', '面板', '显示屏', '液晶屏', 'display panel', 'panel'],
  ['玻璃基板', '基板玻璃', '液晶玻璃基板', 'glass substrate'],
  ['偏光片', '偏振片', 'polarizer'],
  ['驱动芯片', '显示驱动芯片', 'ddic', 'driver ic'],
  ['芯片', '集成电路', 'ic', 'chip'],
  ['印制电路板', 'pcb', '线路板', '电路板', 'pcba', 'printed circuit board'],
  ['连接器', '接插件', 'connector'],
  ['外协加工', '委外加工', '代工', '来料加工', 'oem', 'contract manufacturing'],
  ['钣金', '钣金加工', '金属板加工', 'sheet metal'],
  ['注塑', '注塑加工', '塑料成型', 'injection molding'],
  ['机加工', '机械加工', 'cnc加工', '数控加工', 'machining'],
  ['检测', '检验', '测试', '检测认证', 'testing', 'inspection'],
  ['物流', '运输', '仓储配送', '货运', 'logistics'],
  ['传感器', '传感元件', '感应器', 'sensor'],
  ['电芯', '电池', '锂电池', '动力电池', 'battery', 'cell'],
  ['洁净室', '无尘室', '净化车间', 'cleanroom'],
  ['包装', '包材', '包装材料', 'packaging'],
  ['北斗', '卫星导航', 'gnss', 'beidou'],
  ['定位模块', '导航模组', '定位模组', 'gnss module'],
  ['高纯金属', '高纯铝', '高纯铜', '高纯钛'],
  ['特气', '电子特气', '电子气体', '特种气体', 'specialty gas'],
  ['湿化学品', '工艺化学品', '电子化学品', 'wet chemicals'],
  ['软件开发', '软件定制', '系统开发', 'software development'],
  ['模具', '模具加工', 'mold', 'mould'],
];

/**
 * Words that say nothing about the product (and single characters, dropped below) — among them the mark
 * of an invented demo record (示例 / synthetic), which every demo posting carries.
 */
const STOP = new Set(
  '的 和 与 及 或 等 用 为 对 在 从 之 其 各类 各种 相关 提供 服务 需求 采购 供应 生产 加工能力 产品 批量 长期 稳定 可 能 需 年 月 个 件 台 套 公司 企业 有限 有限公司 高端 优质 专业 规格 要求 以上 以下 左右 现货 精密 定制 可定制 批量 小批量 供货 产能 充足 支持 配套 寻找 求购 长期 需要 示例 for and the of with supply demand need synthetic'.split(
    ' ',
  ),
);

const canonical = new Map<string, string>();
for (const group of SYNONYMS) for (const w of group) canonical.set(w.toLowerCase(), group[0]!);

let segmenter: Jieba | null = null;
let extraWords: string[] = [];

/** Adds words (e.g. the chain templates' keywords) to the segmenter's dictionary; call before matching. */
export function addWords(words: Iterable<string>): void {
  const fresh = [...words]
    .map((w) => normalizeText(w))
    .filter((w) => w.length >= 2 && /[\u4e00-\u9fff]/.test(w) && !/\s/.test(w));
  extraWords = [...new Set([...extraWords, ...fresh])];
  segmenter = null;
}

function jieba(): Jieba {
  if (segmenter) return segmenter;
  const words = new Set(extraWords);
  for (const group of SYNONYMS)
    for (const w of group) if (/[\u4e00-\u9fff]/.test(w) && !/\s/.test(w)) words.add(w.toLowerCase());
  const user = [...words].map((w) => `${w} 2000 n`).join('\n');
  segmenter = Jieba.withDict(Buffer.concat([dict, Buffer.from(`\n${user}\n`)]));
  return segmenter;
}

/** Full-width → half-width, lower case, spaces folded. */
export function normalizeText(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Terms {
  /** Canonical terms, with repetitions (term frequency counts). */
  terms: string[];
  /** Wordings folded onto another term: original → canonical. */
  synonyms: { from: string; to: string }[];
}

/** Multi-word Latin synonyms ("optical module") found before segmentation. */
const PHRASES = [...canonical.keys()].filter((w) => w.includes(' '));

/** Segments a product text into canonical terms. */
export function termsOf(text: string): Terms {
  let s = normalizeText(text);
  const terms: string[] = [];
  const synonyms: { from: string; to: string }[] = [];
  for (const p of PHRASES) {
    if (s.includes(p)) {
      terms.push(canonical.get(p)!);
      synonyms.push({ from: p, to: canonical.get(p)! });
      s = s.split(p).join(' ');
    }
  }
  for (const raw of jieba().cutForSearch(s, true)) {
    const w = raw.trim();
    if (!w || STOP.has(w)) continue;
    const cjk = /[\u4e00-\u9fff]/.test(w);
    if (cjk && w.length < 2) continue;
    if (!cjk && !/^[a-z0-9][a-z0-9.+-]*$/.test(w)) continue;
    if (!cjk && /^\d+(\.\d+)?$/.test(w)) continue;
    const c = canonical.get(w);
    if (c && c !== w) synonyms.push({ from: w, to: c });
    terms.push(c ?? w);
  }
  return { terms, synonyms };
}

/** Distinct terms, sorted (what a posting stores for its candidate index). */
export const termSet = (text: string): string[] => [...new Set(termsOf(text).terms)].sort();
