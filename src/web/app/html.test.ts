import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, tooltipLines } from './html';

describe('chart tooltip HTML', () => {
  it('escapes markup in names so a firm called <img onerror> stays text', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;',
    );
    expect(tooltipLines('<b>甲</b>', '供应商 <i>', '', null, 'A&B')).toBe(
      '<b>&lt;b&gt;甲&lt;/b&gt;</b><br/>供应商 &lt;i&gt;<br/>A&amp;B',
    );
  });

  it('builds every HTML tooltip in the web app through the shared escaping helpers', () => {
    const root = join(__dirname, '..');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(root);
    // A string literal that starts with a tag is HTML handed to ECharts (JSX tags never follow a quote).
    const html = /[`'"]<(?:br|b|i|span|div)\b/;
    const offenders = files
      .filter((f) => !f.endsWith(join('app', 'html.ts')))
      .filter((f) => {
        const src = readFileSync(f, 'utf8');
        const builds = html.test(src);
        const ownEscape = /function escapeHtml|const esc\s*=/.test(src);
        const shared = /from '[./]*(?:app\/)?html'/.test(src);
        return ownEscape || (builds && !shared);
      })
      .map((f) => f.slice(root.length + 1));
    expect(offenders).toEqual([]);
  });
});
