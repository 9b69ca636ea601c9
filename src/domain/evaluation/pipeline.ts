/**
 * The incubation pipeline 0→1→10→N (lab → incubator → accelerator → park): from dated stage
 * transitions, the funnel of each institution (how many of its firms reached each stage), the
 * conversion between stages and the median days a stage took.
 */
export const STAGES = ['lab', 'incubator', 'accelerator', 'park'] as const;
export type Stage = (typeof STAGES)[number];

export interface Transition {
  enterpriseId: number;
  stage: Stage;
  occurredOn: string;
  institutionId: number | null;
}

export interface FunnelRow {
  key: string;
  /** Firms that reached each stage (a firm in the park counts for every earlier stage it passed). */
  reached: Record<Stage, number>;
  /** Median days from one stage to the next, over firms with both dates. */
  medianDays: Partial<Record<Stage, number | null>>;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/**
 * Funnels grouped by `keyOf` (an institution, a zone). A firm belongs to the group of its earliest
 * transition that names an institution (where it came from); firms with none are grouped under ''.
 */
export function funnel(
  transitions: readonly Transition[],
  keyOf: (firstWithInstitution: Transition | null, firm: number) => string,
): FunnelRow[] {
  const byFirm = new Map<number, Transition[]>();
  for (const t of transitions) {
    const l = byFirm.get(t.enterpriseId);
    if (l) l.push(t);
    else byFirm.set(t.enterpriseId, [t]);
  }
  const rows = new Map<string, { reached: Record<Stage, number>; days: Record<Stage, number[]> }>();
  for (const [firm, list] of byFirm) {
    list.sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
    const origin = list.find((t) => t.institutionId !== null) ?? null;
    const k = keyOf(origin, firm);
    let row = rows.get(k);
    if (!row) {
      row = {
        reached: { lab: 0, incubator: 0, accelerator: 0, park: 0 },
        days: { lab: [], incubator: [], accelerator: [], park: [] },
      };
      rows.set(k, row);
    }
    const at = new Map(list.map((t) => [t.stage, t.occurredOn]));
    const furthest = Math.max(...list.map((t) => STAGES.indexOf(t.stage)));
    const first = Math.min(...list.map((t) => STAGES.indexOf(t.stage)));
    for (let i = first; i <= furthest; i++) row.reached[STAGES[i] as Stage]++;
    for (let i = 0; i + 1 < STAGES.length; i++) {
      const a = at.get(STAGES[i] as Stage);
      const b = at.get(STAGES[i + 1] as Stage);
      if (a && b) row.days[STAGES[i] as Stage].push((Date.parse(b) - Date.parse(a)) / 86_400_000);
    }
  }
  return [...rows].map(([key, r]) => ({
    key,
    reached: r.reached,
    medianDays: Object.fromEntries(STAGES.slice(0, -1).map((s) => [s, median(r.days[s])])),
  }));
}

/** A transition must move forward: a firm's stages are dated in order (a later stage not before an earlier one). */
export function checkTransition(existing: readonly Transition[], t: Transition): 'backwards' | 'duplicate' | null {
  const i = STAGES.indexOf(t.stage);
  for (const e of existing) {
    if (e.enterpriseId !== t.enterpriseId) continue;
    if (e.stage === t.stage) return 'duplicate';
    const j = STAGES.indexOf(e.stage);
    if ((j < i && e.occurredOn > t.occurredOn) || (j > i && e.occurredOn < t.occurredOn)) return 'backwards';
  }
  return null;
}
