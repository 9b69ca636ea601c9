/**
 * A small hand-computed chain for the health and gap tests. Segments (★ = key link):
 *
 *   im.mat ★        A medium 5 000, B medium 4 000, C large 3 000        → strong
 *   im.g_chip ★     group of chip1, chip2                                → weak (chip2 missing, chip1 weak)
 *     im.chip1      D small 20 000                                       → weak: count, all small, single supplier
 *     im.chip2      (N is mapped but outside the scope)                  → missing
 *   im.dev          E medium 2 000, F small 3 000, G micro 1 000         → weak: output 6 000 < 10 000
 *   im.sys ★        H large 90 000, I medium 5 000, J medium 5 000 (flag) → weak: H makes 90 % (single supplier)
 *   im.svc          K small 5 000, L small 5 000, M micro 4 000          → weak: all small
 *
 * Links (supplier → customer, 万元): A→H 1 000, B→H 500, D→H 2 000, N→H 1 500 (outside), Z→H 1 000
 * (local, not in the chain), E→H unknown amount, A→C 200, C→J 300.
 */
import { makeEnterprise, makeNode, makeTemplate } from './test-factories.js';
import type { ChainEnterprise, NodeMapping, SupplyLink } from './types.js';

export const template = makeTemplate('im', [
  makeNode('im.mat', { stage: 'upstream', keyLink: true, classes: ['3985'], keywords: ['靶材'] }),
  makeNode('im.g_chip', { stage: 'upstream', group: true, keyLink: true }),
  makeNode('im.chip1', { stage: 'upstream', parent: 'im.g_chip', classes: ['3973'], keywords: ['光芯片'] }),
  makeNode('im.chip2', { stage: 'upstream', parent: 'im.g_chip', classes: ['3976'], keywords: ['探测器芯片'] }),
  makeNode('im.dev', { classes: ['3979'], keywords: ['光器件'] }),
  makeNode('im.sys', { stage: 'downstream', keyLink: true, classes: ['3921'], keywords: ['光传输设备'] }),
  makeNode('im.svc', { stage: 'downstream', classes: ['6311'], keywords: ['数据中心'] }),
]);

const firm = (id: number, name: string, scale: ChainEnterprise['scale'], outputWan: number | null, more = {}) =>
  makeEnterprise({ id, name, scale, outputWan, ...more });

export const A = firm(1, 'A', 'medium', 5000);
export const B = firm(2, 'B', 'medium', 4000);
export const C = firm(3, 'C', 'large', 3000);
export const D = firm(4, 'D', 'small', 20_000, { tiers: ['specialized_sme'] });
export const E = firm(5, 'E', 'medium', 2000);
export const F = firm(6, 'F', 'small', 3000);
export const G = firm(7, 'G', 'micro', 1000);
export const H = firm(8, 'H', 'large', 90_000, { tiers: ['listed', 'high_tech'] });
export const I = firm(9, 'I', 'medium', 5000);
export const J = firm(10, 'J', 'medium', 5000, { isChainLeader: true });
export const K = firm(11, 'K', 'small', 5000);
export const L = firm(12, 'L', 'small', 5000);
export const M = firm(13, 'M', 'micro', 4000);
export const N = firm(14, 'N', 'large', 50_000, {
  inScope: false,
  tiers: ['little_giant'],
  growth: 0.15,
  classCode: '3976',
});
export const Z = firm(15, 'Z', 'small', 800);

export const enterprises = [A, B, C, D, E, F, G, H, I, J, K, L, M, N, Z];

const confirm = (e: ChainEnterprise, nodeId: string): NodeMapping => ({
  enterpriseId: e.id,
  nodeId,
  status: 'confirmed',
});

export const mappings: NodeMapping[] = [
  confirm(A, 'im.mat'),
  confirm(B, 'im.mat'),
  confirm(C, 'im.mat'),
  confirm(D, 'im.chip1'),
  confirm(N, 'im.chip2'),
  confirm(E, 'im.dev'),
  confirm(F, 'im.dev'),
  confirm(G, 'im.dev'),
  confirm(H, 'im.sys'),
  confirm(I, 'im.sys'),
  confirm(J, 'im.sys'),
  confirm(K, 'im.svc'),
  confirm(L, 'im.svc'),
  confirm(M, 'im.svc'),
];

const link = (s: ChainEnterprise, c: ChainEnterprise, amountWan: number | null): SupplyLink => ({
  supplierId: s.id,
  customerId: c.id,
  amountWan,
});

export const links: SupplyLink[] = [
  link(A, H, 1000),
  link(B, H, 500),
  link(D, H, 2000),
  link(N, H, 1500),
  link(Z, H, 1000),
  link(E, H, null),
  link(A, C, 200),
  link(C, J, 300),
];
