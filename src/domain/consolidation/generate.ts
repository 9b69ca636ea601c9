/**
 * Generated hub instances for tests and the benchmark (seeded, repeatable, synthetic): orders of
 * mixed cargo classes, some dense (weight binds) and some light (volume binds), over several
 * departures with cut-offs, destination sets, three container types and a road-leg payload cap.
 */
import { rng } from '../random.js';
import { STANDARD_CONTAINERS } from './containers.js';
import { DEFAULT_COMPATIBILITY } from './rules.js';
import type { Departure, Order, PlanInput } from './types.js';

const STATIONS = ['DUISBURG', 'HAMBURG', 'LODZ', 'MALASZEWICZE', 'MOSCOW', 'BUDAPEST'];

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function generateHub(opts: { orders: number; departures: number; seed: number; start?: string }): PlanInput {
  const r = rng(opts.seed);
  const start = opts.start ?? '2026-03-02';
  const departures: Departure[] = [];
  for (let k = 0; k < opts.departures; k++) {
    const date = addDays(start, 2 + k * 2 + Math.floor(r() * 2));
    const dests = STATIONS.filter(() => r() < 0.55);
    if (dests.length === 0) dests.push(STATIONS[k % STATIONS.length]!);
    departures.push({
      id: `D${String(k + 1).padStart(2, '0')}`,
      route: k % 2 === 0 ? 'WUJIASHAN-DUISBURG' : 'WUJIASHAN-MALASZEWICZE',
      destinations: dests,
      date,
      cutoff: addDays(date, -1),
      containers: [
        { type: '20GP', count: 20, priceFen: 4_200_000 },
        { type: '40GP', count: 20, priceFen: 6_800_000 },
        { type: '40HQ', count: 20, priceFen: 7_200_000 },
      ],
      payloadCapKg: r() < 0.3 ? 20_000 : undefined,
      usableVolumeFactor: 0.88,
    });
  }
  const classes = [
    'general',
    'general',
    'general',
    'textile',
    'electronics',
    'machinery',
    'food',
    'chemical',
    'dangerous',
  ];
  const orders: Order[] = [];
  for (let i = 0; i < opts.orders; i++) {
    const cls = classes[Math.floor(r() * classes.length)]!;
    const dense = cls === 'machinery' || cls === 'chemical' || r() < 0.25;
    const volume = Math.round((0.5 + r() * (dense ? 6 : 18)) * 100) / 100;
    const density = dense ? 400 + r() * 900 : 60 + r() * 200; // kg per m³
    const pieces = 1 + Math.floor(r() * 40);
    const dep = departures[Math.floor(r() * departures.length)]!;
    orders.push({
      id: `O${String(i + 1).padStart(4, '0')}`,
      shipper: `S${1 + Math.floor(r() * 60)}`,
      cargoClass: cls,
      dgClass: cls === 'dangerous' ? (r() < 0.5 ? '3' : '8') : null,
      pieces,
      volumeM3: volume,
      weightKg: Math.round(volume * density),
      destination: dep.destinations[Math.floor(r() * dep.destinations.length)]!,
      readyDate: addDays(dep.cutoff, -Math.floor(r() * 6)),
      splittable: r() < 0.3,
    });
  }
  return { containerTypes: STANDARD_CONTAINERS, departures, orders, compatibility: DEFAULT_COMPATIBILITY };
}
