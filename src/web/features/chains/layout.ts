/**
 * Left-to-right layout of a chain graph: one band per stage (upstream → midstream → downstream),
 * split into columns by the supply order inside the stage, and in each column its blocks stacked
 * top to bottom — a block is a segment, or a group with its sub-segments under its header. Pure, so
 * the boxes never overlap whatever the template.
 */
import type { TChainTemplate } from '../../../contracts/chains';

export interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** A group's header (its sub-segments are boxes of their own below it). */
  header: boolean;
  column: number;
  /** The label, wrapped to the box. */
  lines: string[];
}

export interface Layout {
  boxes: Box[];
  width: number;
  height: number;
  /** Stage bands: where each stage's columns start and end (for the stage titles). */
  bands: { stage: string; x0: number; x1: number }[];
}

const STAGE_ORDER = ['upstream', 'midstream', 'downstream', 'branch'];
const LINE_H = 15;
const PAD_Y = 9;
const ROW_GAP = 6;
const BLOCK_GAP = 12;
const MAX_SUBCOLUMNS = 2;
const MAX_COLUMNS = 6;
export const FONT_PX = 12;

/** Rough width of a label in pixels at FONT_PX (CJK full width, Latin about 0.55 em). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? FONT_PX : FONT_PX * 0.56;
  return w;
}

/**
 * The label broken into at most two lines that fit `width`: Latin text at spaces, CJK between any
 * two characters; a second line that still does not fit is cut with …
 */
export function wrapLabel(s: string, width: number): string[] {
  if (textWidth(s) <= width) return [s];
  // tokens: a Latin word with its trailing space, or one CJK character
  const tokens = s.match(/[\u2E80-\uFFEF]|[^\s\u2E80-\uFFEF]+\s*|\s+/g) ?? [s];
  const lines: string[] = [''];
  for (const tok of tokens) {
    const cur = lines[lines.length - 1] as string;
    if (textWidth((cur + tok).trimEnd()) <= width || cur === '') {
      lines[lines.length - 1] = cur + tok;
    } else lines.push(tok);
  }
  const out = lines.map((l) => l.trim()).filter(Boolean);
  // a single word wider than the box: split it by characters
  const fit = (l: string) => {
    if (textWidth(l) <= width) return [l];
    const parts: string[] = [''];
    for (const ch of l) {
      if (textWidth(parts[parts.length - 1] + ch) > width) parts.push('');
      parts[parts.length - 1] += ch;
    }
    return parts;
  };
  const flat = out.flatMap(fit);
  if (flat.length <= 2) return flat;
  let second = flat.slice(1).join(' ');
  while (second.length > 1 && textWidth(`${second}…`) > width) second = second.slice(0, -1);
  return [flat[0] as string, `${second.trimEnd()}…`];
}

export function layoutChain(t: TChainTemplate, width: number, labelOf: (id: string) => string, top = 34): Layout {
  const nodes = t.nodes;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const blockOf = (id: string) => {
    const n = byId.get(id);
    return n?.parent && byId.has(n.parent) ? n.parent : id;
  };
  const blocks = nodes.filter((n) => !n.parent || !byId.has(n.parent));
  const stageOf = (id: string) => {
    const n = byId.get(id)!;
    if (n.stage !== 'branch') return n.stage;
    // a branch group sits where most of its children are
    const kids = nodes.filter((k) => k.parent === id).map((k) => k.stage);
    return (
      kids.sort((a, b) => kids.filter((x) => x === b).length - kids.filter((x) => x === a).length)[0] ?? 'midstream'
    );
  };

  // supply order inside a stage: longest path over same-stage edges between blocks
  const rank = new Map<string, number>(blocks.map((b) => [b.id, 0]));
  const sameStage = t.edges
    .filter((e) => e.kind === 'supplies')
    .map((e) => [blockOf(e.from), blockOf(e.to)] as const)
    .filter(([a, b]) => a !== b && rank.has(a) && rank.has(b) && stageOf(a) === stageOf(b));
  for (let i = 0; i < blocks.length; i++) {
    let changed = false;
    for (const [a, b] of sameStage) {
      const r = (rank.get(a) ?? 0) + 1;
      if (r > (rank.get(b) ?? 0) && r < blocks.length) {
        rank.set(b, r);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const stages = STAGE_ORDER.filter((s) => blocks.some((b) => stageOf(b.id) === s));
  const columns: { stage: string; blocks: string[] }[] = [];
  for (const s of stages) {
    const inStage = blocks.filter((b) => stageOf(b.id) === s);
    const maxRank = Math.min(MAX_SUBCOLUMNS - 1, Math.max(0, ...inStage.map((b) => rank.get(b.id) ?? 0)));
    // a stage with few blocks stays one column
    const subs = inStage.length <= 5 ? 1 : maxRank + 1;
    for (let c = 0; c < subs; c++) {
      columns.push({
        stage: s,
        blocks: inStage.filter((b) => Math.min(subs - 1, rank.get(b.id) ?? 0) === c).map((b) => b.id),
      });
    }
  }
  // too many columns for the width: merge a stage's sub-columns back
  while (columns.length > MAX_COLUMNS) {
    const i = columns.findIndex((c, k) => k > 0 && columns[k - 1]?.stage === c.stage);
    if (i < 0) break;
    columns[i - 1]?.blocks.push(...(columns[i]?.blocks ?? []));
    columns.splice(i, 1);
  }
  const colW = width / Math.max(1, columns.length);
  const boxW = Math.min(230, colW - 22);
  const boxes: Box[] = [];
  let height = top;
  const place = (id: string, x: number, y: number, w: number, header: boolean, column: number) => {
    const lines = wrapLabel(labelOf(id), w - 14);
    const h = lines.length * LINE_H + PAD_Y;
    boxes.push({ id, x, y: y + h / 2, w, h, header, column, lines });
    return y + h + ROW_GAP;
  };
  columns.forEach((col, ci) => {
    const x = colW * ci + colW / 2;
    let y = top;
    for (const id of col.blocks) {
      const kids = nodes.filter((k) => k.parent === id);
      y = place(id, x, y, boxW, kids.length > 0, ci);
      for (const k of kids) y = place(k.id, x + 8, y, boxW - 16, false, ci);
      y += BLOCK_GAP;
    }
    height = Math.max(height, y);
  });
  const bands = stages.map((s) => {
    const idx = columns.map((c, i) => (c.stage === s ? i : -1)).filter((i) => i >= 0);
    return { stage: s, x0: colW * Math.min(...idx), x1: colW * (Math.max(...idx) + 1) };
  });
  return { boxes, width, height: height + 8, bands };
}
