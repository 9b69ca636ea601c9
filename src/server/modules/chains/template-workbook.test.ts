import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadTemplates } from '../../../domain/chains/templates.js';
import { templateDiff } from './template-diff.js';
import { parseTemplateFile, templateWorkbook } from './template-workbook.js';

const templates = loadTemplates();
const oe = templates.find((t) => t.code === 'oe')!;

async function edit(buf: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  fn(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('chain template workbook', () => {
  it.each(templates.map((t) => [t.code, t] as const))(
    'round-trips %s: export → import gives the same template',
    async (_, t) => {
      for (const lang of ['zh', 'en'] as const) {
        const parsed = await parseTemplateFile(new Uint8Array(await templateWorkbook(t, lang)), `${t.code}.xlsx`);
        expect(parsed.problems).toEqual([]);
        expect(parsed.template).toEqual(t);
      }
    },
  );

  it('writes 说明, 节点 and 供应关系 sheets with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook(oe)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '节点', '供应关系']);
    const nodes = wb.getWorksheet('节点')!;
    expect((nodes.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['节点编号', '中文名称', '英文名称', '环节']);
    const target = nodes.getRows(2, oe.nodes.length)!.find((r) => r.getCell(1).value === 'oe.target')!;
    expect(target.getCell(4).value).toBe('上游');
    expect(String(target.getCell(9).value)).toContain('溅射靶材、ITO靶材');
    expect(target.getCell(10).value).toBe('3985、≈3254');
  });

  it('reads English headers, lists separated by ; and stage codes', async () => {
    const buf = await templateWorkbook(oe, 'en');
    const bytes = await edit(buf, (wb) => {
      const ws = wb.getWorksheet('Nodes')!;
      const row = ws.getRows(2, oe.nodes.length)!.find((r) => r.getCell(1).value === 'oe.target')!;
      row.getCell(9).value = '溅射靶材; 靶材;ITO靶材';
      row.getCell(4).value = 'upstream';
    });
    const parsed = await parseTemplateFile(bytes, 'oe.xlsx');
    expect(parsed.problems).toEqual([]);
    const node = parsed.template!.nodes.find((n) => n.id === 'oe.target')!;
    expect(node.keywords).toEqual(['溅射靶材', '靶材', 'ITO靶材']);
    expect(templateDiff(oe, parsed.template!).nodesChanged).toEqual([{ id: 'oe.target', fields: ['keywords'] }]);
  });

  it('lists every bad cell with its sheet, row, column and field, and builds no template', async () => {
    const bytes = await edit(await templateWorkbook(oe), (wb) => {
      const nodes = wb.getWorksheet('节点')!;
      nodes.getRow(3).getCell(4).value = '上上游';
      nodes.getRow(4).getCell(10).value = '39x5';
      nodes.getRow(5).getCell(2).value = null;
      nodes.getRow(6).getCell(7).value = '也许';
      wb.getWorksheet('供应关系')!.getRow(2).getCell(3).value = '赠送';
    });
    const parsed = await parseTemplateFile(bytes, 'oe.xlsx');
    expect(parsed.template).toBeUndefined();
    const where = parsed.problems.map((p) => [p.sheet, p.row, p.column, p.field]);
    expect(where).toEqual([
      ['节点', 3, 'D', 'stage'],
      ['节点', 4, 'J', 'classes'],
      ['节点', 5, 'B', 'nameZh'],
      ['节点', 6, 'G', 'keyLink'],
      ['供应关系', 2, 'C', 'kind'],
    ]);
    expect(parsed.problems[0]!.message.zh).toContain('环节');
    expect(parsed.problems[0]!.message.en).toContain('Stage');
  });

  it('names a missing sheet and a missing column', async () => {
    const bytes = await edit(await templateWorkbook(oe), (wb) => {
      wb.removeWorksheet(wb.getWorksheet('供应关系')!.id);
    });
    const parsed = await parseTemplateFile(bytes, 'oe.xlsx');
    expect(parsed.problems.map((p) => p.message.en)).toEqual(['Missing sheet "Edges" (or "供应关系")']);
    const noId = await edit(await templateWorkbook(oe), (wb) => {
      wb.getWorksheet('节点')!.getRow(1).getCell(1).value = '编号？';
    });
    const p2 = await parseTemplateFile(noId, 'oe.xlsx');
    expect(p2.template).toBeUndefined();
    expect(p2.problems[0]).toMatchObject({ sheet: '节点', row: 1, field: 'id' });
  });

  it('reads a JSON template and reports its schema problems by path', async () => {
    const ok = await parseTemplateFile(new TextEncoder().encode(JSON.stringify(oe)), 'oe.json');
    expect(ok.template).toEqual(oe);
    const bad = await parseTemplateFile(
      new TextEncoder().encode(JSON.stringify({ ...oe, nodes: [{ ...oe.nodes[0], stage: 'sideways' }] })),
      'oe.json',
    );
    expect(bad.template).toBeUndefined();
    expect(bad.problems.map((p) => p.field)).toEqual(['nodes.0.stage']);
    const broken = await parseTemplateFile(new TextEncoder().encode('{"code":'), 'oe.json');
    expect(broken.problems[0]!.code).toBe('bad_file');
  });
});

describe('template diff', () => {
  it('does not call a value changed when only its key order differs (JSON vs Excel)', () => {
    const reordered = {
      ...oe,
      sources: oe.sources.map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s),
    };
    expect(templateDiff(oe, reordered)).toEqual({
      nodesAdded: [],
      nodesRemoved: [],
      nodesChanged: [],
      edgesAdded: [],
      edgesRemoved: [],
      fields: [],
    });
  });
});
