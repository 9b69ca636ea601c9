/**
 * Summarises a V8 CPU profile (`npm run bench:load -- --profile DIR` writes one per engine):
 * self time by where the code lives (a package under node_modules, a folder of src/, node itself,
 * garbage collection, idle) and the functions with the most self and inclusive time, so a profile
 * can be read without DevTools and quoted in docs/benchmarks.md.
 *
 *   npx tsx bench/lib/profile-summary.ts DIR/pglite.cpuprofile [--top 25] [--include name,name]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: `pkg:name`, `src/folder/file`, `node:…`, or a V8 pseudo-frame. */
export function placeOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `pkg:${rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1).replace(/^file:\/\//, '');
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, include: { type: 'string', default: '' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: profile-summary FILE.cpuprofile');
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // self time per node from the sample stream (timeDeltas[i] is the time before sample i)
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const id = p.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
  const total = (p.endTime - p.startTime) / 1000;
  const byPlace = new Map<string, number>();
  const byFn = new Map<string, { self: number; incl: number }>();
  const key = (n: Node) =>
    `${n.callFrame.functionName || '(anonymous)'} ${placeOf(n.callFrame.url, n.callFrame.functionName)}:${n.callFrame.lineNumber + 1}`;
  for (const [id, ms] of self) {
    const n = byId.get(id) as Node;
    const place = placeOf(n.callFrame.url, n.callFrame.functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const k = key(n);
    const f = byFn.get(k) ?? { self: 0, incl: 0 };
    f.self += ms;
    byFn.set(k, f);
    // inclusive: once per distinct function on the stack of this sample
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const kk = key(byId.get(cur) as Node);
      if (seen.has(kk)) continue;
      seen.add(kk);
      const g = byFn.get(kk) ?? { self: 0, incl: 0 };
      g.incl += ms;
      byFn.set(kk, g);
    }
  }
  const top = Number(values.top);
  const pctOf = (ms: number) => `${((100 * ms) / total).toFixed(1)} %`;
  console.log(`profile ${file}: ${(total / 1000).toFixed(1)} s wall`);
  console.log('\nself time by place:');
  for (const [k, v] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${pctOf(v).padStart(7)}  ${k}`);
  console.log('\nfunctions by self time:');
  for (const [k, v] of [...byFn].sort((a, b) => b[1].self - a[1].self).slice(0, top))
    console.log(`  ${pctOf(v.self).padStart(7)} self ${pctOf(v.incl).padStart(7)} incl  ${k}`);
  const include = values.include.split(',').filter(Boolean);
  if (include.length) {
    console.log('\ninclusive time of named functions:');
    for (const [k, v] of [...byFn]
      .filter(([k]) => include.some((x) => k.startsWith(`${x} `)))
      .sort((a, b) => b[1].incl - a[1].incl))
      console.log(`  ${pctOf(v.incl).padStart(7)}  ${k}`);
  }
}

main();
