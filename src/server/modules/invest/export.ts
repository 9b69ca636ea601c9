/** Excel export of a filtered project list (the same filters and redaction as the list). */
import ExcelJS from 'exceljs';
import type { TProject } from '../../../contracts/invest.js';

const STAGE = {
  lead: ['线索', 'Lead'],
  contact: ['接洽', 'Contact'],
  site_visit: ['考察', 'Site visit'],
  negotiation: ['洽谈', 'Negotiation'],
  signed: ['签约', 'Signed'],
  started: ['开工', 'Started'],
  in_production: ['投产', 'In production'],
  lost: ['流失', 'Lost'],
} as const;

const AGREEMENT = {
  intent: ['意向', 'Letter of intent'],
  framework: ['框架协议', 'Framework agreement'],
  investment: ['投资协议', 'Investment agreement'],
  contract: ['正式合同', 'Contract'],
} as const;

export async function projectsWorkbook(items: TProject[], lang: 'zh' | 'en'): Promise<Buffer> {
  const zh = lang === 'zh';
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh ? '招商项目' : 'Projects');
  const secret = zh ? '保密' : 'confidential';
  ws.columns = [
    { header: zh ? '项目代号' : 'Code name', key: 'codeName', width: 18 },
    { header: zh ? '项目名称' : 'Project', key: 'name', width: 28 },
    { header: zh ? '投资方' : 'Investor', key: 'investor', width: 28 },
    { header: zh ? '阶段' : 'Stage', key: 'stage', width: 10 },
    { header: zh ? '投资额（万元）' : 'Investment (10k CNY)', key: 'investmentWan', width: 14 },
    { header: zh ? '预计年产值（万元）' : 'Expected output (10k CNY)', key: 'annualOutputWan', width: 14 },
    { header: zh ? '就业' : 'Jobs', key: 'jobs', width: 8 },
    { header: zh ? '签约日期' : 'Signed on', key: 'signedOn', width: 12 },
    { header: zh ? '协议类型' : 'Agreement', key: 'agreementKind', width: 12 },
    {
      header: zh ? '签约投资额（万元）' : 'Contracted investment (10k CNY)',
      key: 'contractedInvestmentWan',
      width: 14,
    },
    { header: zh ? '到位资金（万元）' : 'Funds in place (10k CNY)', key: 'fundsInPlaceWan', width: 14 },
    { header: zh ? '开工日期' : 'Started on', key: 'startedOn', width: 12 },
    { header: zh ? '投产日期' : 'Producing since', key: 'producedOn', width: 12 },
    { header: zh ? '入库日期' : 'In library since', key: 'libraryOn', width: 12 },
    { header: zh ? '纳统日期' : 'In statistics since', key: 'statsOn', width: 12 },
    { header: zh ? '产业链节点' : 'Chain node', key: 'nodeId', width: 16 },
    { header: zh ? '落地园区' : 'Landing park', key: 'parkName', width: 24 },
    { header: zh ? '负责人' : 'Owner', key: 'ownerName', width: 16 },
    { header: zh ? '下次跟进' : 'Next follow-up', key: 'nextFollowUpOn', width: 12 },
    { header: zh ? '逾期' : 'Overdue', key: 'overdue', width: 8 },
    { header: zh ? '合成数据' : 'Synthetic', key: 'synthetic', width: 8 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const p of items) {
    const hidden = !!p.redacted;
    ws.addRow({
      ...p,
      name: hidden ? secret : p.name,
      investor: hidden ? secret : (p.investorEnterpriseName ?? p.investorName),
      stage: STAGE[p.stage][zh ? 0 : 1],
      agreementKind: p.agreementKind ? AGREEMENT[p.agreementKind][zh ? 0 : 1] : '',
      overdue: p.overdue ? (zh ? '是' : 'yes') : '',
      synthetic: p.synthetic ? (zh ? '是' : 'yes') : '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
