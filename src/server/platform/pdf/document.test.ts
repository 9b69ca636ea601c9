import { describe, expect, it } from 'vitest';
import { type PdfDocument, renderPdf } from './index.js';

const DOC: PdfDocument = {
  title: '武汉市园区月报 2025-05',
  subtitle: '洪山区',
  asOf: '2025-05-31',
  lang: 'zh',
  watermark: { name: '张三', at: '2025-06-02T08:30:00.000Z' },
  blocks: [
    { kind: 'heading', text: '关键指标' },
    {
      kind: 'figures',
      items: [
        { label: '园区', value: 12, unit: '个', asOf: '2025-05-31' },
        { label: '企业', value: 1234, unit: '家' },
        { label: '本地配套率', value: null },
      ],
    },
    {
      kind: 'table',
      columns: [{ title: '园区', width: 3 }, { title: '企业数' }],
      rows: Array.from({ length: 80 }, (_, i) => [`光谷园区 ${i}`, i * 3]),
    },
    {
      kind: 'chart',
      option: {
        xAxis: { type: 'category', data: ['线索', '洽谈', '签约'] },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: [12, 7, 3] }],
      },
    },
  ],
};

const text = (b: Buffer) => b.toString('latin1');

describe('PDF renderer', () => {
  it('renders Chinese with an embedded CJK font, several pages, the as-of date as the file date', async () => {
    const pdf = await renderPdf(DOC);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text(pdf)).toMatch(/NotoSans/);
    expect(text(pdf)).toMatch(/\(D:20250531000000Z\)/);
    expect((text(pdf).match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
  });

  it('gives the same bytes for the same data, other bytes for other data', async () => {
    const a = await renderPdf(DOC);
    const b = await renderPdf(structuredClone(DOC));
    expect(a.equals(b)).toBe(true);
    const c = await renderPdf({ ...DOC, watermark: { ...DOC.watermark, name: '李四' } });
    expect(a.equals(c)).toBe(false);
  });

  it('refuses a document without a date', async () => {
    await expect(renderPdf({ ...DOC, asOf: 'soon' })).rejects.toThrow(/asOf/);
  });
});
