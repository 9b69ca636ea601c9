/**
 * What can be imported and exported as a table: one definition per kind (parks, buildings, floors,
 * units, enterprises, occupancy, metrics, supplier links) with its columns (Chinese and English
 * headers, type, unit, notes) and its natural key. Templates, validation, exports and the
 * round trip all read these definitions, so a column is described once.
 */
import type { EnumGroup } from '../../contracts/labels.js';

export type ColumnType = 'text' | 'number' | 'int' | 'date' | 'bool' | 'enum' | 'enumList' | 'list' | 'honours';

export interface Column {
  field: string;
  zh: string;
  en: string;
  type: ColumnType;
  enumGroup?: EnumGroup;
  required?: boolean;
  /** Money in 万元: cells may carry 元 / 万元 / 亿元 and are converted. */
  money?: boolean;
  note: { zh: string; en: string };
}

export const IMPORT_KINDS = [
  'sources',
  'parks',
  'buildings',
  'floors',
  'units',
  'enterprises',
  'occupancies',
  'metrics',
  'supply-links',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface KindDef {
  kind: ImportKind;
  sheet: { zh: string; en: string };
  columns: Column[];
  /** Fields that identify a row (re-importing the same key updates, never duplicates). */
  key: string[];
}

const n = (zh: string, en: string) => ({ zh, en });
const provenance: Column[] = [
  {
    field: 'sourceId',
    zh: '数据来源编码',
    en: 'Source id',
    type: 'text',
    note: n('见"数据来源"页；留空为 user', 'See Sources; blank means user'),
  },
  { field: 'asOf', zh: '数据日期', en: 'As of', type: 'date', note: n('格式 2024-06-30', 'Format 2024-06-30') },
  { field: 'synthetic', zh: '合成数据', en: 'Synthetic', type: 'bool', note: n('是 / 否', 'yes / no') },
];
const money = (field: string, zh: string, en: string): Column => ({
  field,
  zh: `${zh}(万元)`,
  en: `${en} (10k CNY)`,
  type: 'number',
  money: true,
  note: n('单位万元；写"元""亿元"的会换算', 'In 万元 (10k CNY); values written with 元 or 亿元 are converted'),
});
const enterpriseRef = (prefix: '' | 'supplier' | 'customer', zhPrefix: string, enPrefix: string): Column[] => [
  {
    field: prefix ? `${prefix}CreditCode` : 'creditCode',
    zh: `${zhPrefix}统一社会信用代码`,
    en: `${enPrefix}credit code`.trim(),
    type: 'text',
    note: n('与企业名称二选一，优先按代码匹配', 'Credit code or name; the code is matched first'),
  },
  {
    field: prefix ? `${prefix}Name` : 'enterpriseName',
    zh: `${zhPrefix}企业名称`,
    en: `${enPrefix}enterprise name`.trim(),
    type: 'text',
    note: n('须与系统中的企业名称完全一致', 'Must equal the enterprise name in ParkLink'),
  },
];
const unitRef: Column[] = [
  {
    field: 'parkCode',
    zh: '园区编码',
    en: 'Park code',
    type: 'text',
    required: true,
    note: n('园区表中的编码', 'Code from the park sheet'),
  },
  {
    field: 'buildingCode',
    zh: '楼宇编码',
    en: 'Building code',
    type: 'text',
    required: true,
    note: n('园区内唯一', 'Unique within the park'),
  },
  {
    field: 'floorNo',
    zh: '楼层',
    en: 'Floor',
    type: 'int',
    required: true,
    note: n('地下层用负数，如 -1', 'Basement floors are negative, e.g. -1'),
  },
];

export const KINDS: Record<ImportKind, KindDef> = {
  sources: {
    kind: 'sources',
    sheet: n('数据来源', 'Sources'),
    key: ['id'],
    columns: [
      {
        field: 'id',
        zh: '来源编码',
        en: 'Source id',
        type: 'text',
        required: true,
        note: n(
          '小写字母、数字和连字符，如 ref-hubei-daily',
          'Lower-case letters, digits, hyphens, e.g. ref-hubei-daily',
        ),
      },
      {
        field: 'title',
        zh: '标题',
        en: 'Title',
        type: 'text',
        required: true,
        note: n('文章、文件或数据集的标题', 'Title of the article, document or dataset'),
      },
      { field: 'publisher', zh: '发布者', en: 'Publisher', type: 'text', note: n('如 长江日报', 'e.g. 长江日报') },
      { field: 'url', zh: '链接', en: 'URL', type: 'text', note: n('可选', 'Optional') },
      {
        field: 'publishedOn',
        zh: '发布日期',
        en: 'Published on',
        type: 'date',
        note: n('格式 2024-06-30', 'Format 2024-06-30'),
      },
      {
        field: 'note',
        zh: '备注',
        en: 'Note',
        type: 'text',
        note: n('可信度、核实情况等', 'Confidence, verification and the like'),
      },
      {
        field: 'status',
        zh: '核实状态',
        en: 'Status',
        type: 'enum',
        enumGroup: 'sourceStatus',
        note: n('已核实/待核实/示例数据，缺省为待核实', 'Verified / Unverified / Synthetic; Unverified if empty'),
      },
    ],
  },
  parks: {
    kind: 'parks',
    sheet: n('园区', 'Parks'),
    key: ['code'],
    columns: [
      {
        field: 'code',
        zh: '园区编码',
        en: 'Park code',
        type: 'text',
        required: true,
        note: n('小写字母、数字和连字符，唯一', 'Lower-case letters, digits and hyphens; unique'),
      },
      { field: 'name', zh: '园区名称', en: 'Name', type: 'text', required: true, note: n('中文全称', 'Chinese name') },
      { field: 'nameEn', zh: '英文名称', en: 'English name', type: 'text', note: n('可选', 'Optional') },
      {
        field: 'kind',
        zh: '园区类型',
        en: 'Kind',
        type: 'enum',
        enumGroup: 'parkKind',
        required: true,
        note: n('从下拉列表选择', 'Pick from the list'),
      },
      {
        field: 'level',
        zh: '级别',
        en: 'Level',
        type: 'enum',
        enumGroup: 'parkLevel',
        note: n('国家级/省级/市级/区级/其他', 'national / provincial / municipal / district / other'),
      },
      {
        field: 'parentCode',
        zh: '上级园区编码',
        en: 'Parent park code',
        type: 'text',
        note: n('所属开发区或园区的编码', 'Code of the containing zone or park'),
      },
      {
        field: 'regionCode',
        zh: '行政区划',
        en: 'District',
        type: 'text',
        required: true,
        note: n('6位区划代码或区名，如 420112 或 东西湖区', '6-digit GB/T 2260 code or district name'),
      },
      {
        field: 'leadingIndustries',
        zh: '主导产业',
        en: 'Leading industries',
        type: 'enumList',
        enumGroup: 'chain',
        note: n('多个用"、"分隔', 'Separate several with 、 or ;'),
      },
      {
        field: 'plannedAreaKm2',
        zh: '规划面积(平方公里)',
        en: 'Planned area (km²)',
        type: 'number',
        note: n('平方公里', 'km²'),
      },
      { field: 'builtAreaM2', zh: '建筑面积(平方米)', en: 'Built area (m²)', type: 'number', note: n('平方米', 'm²') },
      { field: 'landMu', zh: '用地面积(亩)', en: 'Land (mu)', type: 'number', note: n('亩', 'mu (亩)') },
      { field: 'lat', zh: '纬度', en: 'Latitude', type: 'number', note: n('WGS-84', 'WGS-84') },
      { field: 'lng', zh: '经度', en: 'Longitude', type: 'number', note: n('WGS-84', 'WGS-84') },
      {
        field: 'locationApproximate',
        zh: '位置为近似',
        en: 'Location approximate',
        type: 'bool',
        note: n('是 / 否', 'yes / no'),
      },
      { field: 'operator', zh: '运营主体', en: 'Operator', type: 'text', note: n('可选', 'Optional') },
      {
        field: 'status',
        zh: '状态',
        en: 'Status',
        type: 'enum',
        enumGroup: 'parkStatus',
        note: n('从下拉列表选择', 'Pick from the list'),
      },
      {
        field: 'tags',
        zh: '标签',
        en: 'Tags',
        type: 'list',
        note: n('多个用"、"分隔，如 光谷、44重点园区', 'Separate several with 、 or ;'),
      },
      { field: 'description', zh: '简介', en: 'Description', type: 'text', note: n('可选', 'Optional') },
      ...provenance,
    ],
  },
  buildings: {
    kind: 'buildings',
    sheet: n('楼宇', 'Buildings'),
    key: ['parkCode', 'code'],
    columns: [
      {
        field: 'parkCode',
        zh: '园区编码',
        en: 'Park code',
        type: 'text',
        required: true,
        note: n('园区表中的编码', 'Code from the park sheet'),
      },
      {
        field: 'code',
        zh: '楼宇编码',
        en: 'Building code',
        type: 'text',
        required: true,
        note: n('园区内唯一', 'Unique within the park'),
      },
      {
        field: 'name',
        zh: '楼宇名称',
        en: 'Name',
        type: 'text',
        required: true,
        note: n('如 北斗大厦', 'e.g. 北斗大厦'),
      },
      { field: 'nameEn', zh: '英文名称', en: 'English name', type: 'text', note: n('可选', 'Optional') },
      {
        field: 'type',
        zh: '楼宇类型',
        en: 'Type',
        type: 'enum',
        enumGroup: 'buildingType',
        required: true,
        note: n('从下拉列表选择', 'Pick from the list'),
      },
      {
        field: 'floorsAbove',
        zh: '地上层数',
        en: 'Floors above ground',
        type: 'int',
        required: true,
        note: n('整数', 'Integer'),
      },
      {
        field: 'floorsBelow',
        zh: '地下层数',
        en: 'Floors below ground',
        type: 'int',
        note: n('整数，默认 0', 'Integer, default 0'),
      },
      {
        field: 'grossFloorAreaM2',
        zh: '总建筑面积(平方米)',
        en: 'Gross floor area (m²)',
        type: 'number',
        note: n('平方米', 'm²'),
      },
      {
        field: 'leadingIndustry',
        zh: '主导产业',
        en: 'Leading industry',
        type: 'enum',
        enumGroup: 'chain',
        note: n('一楼一主导产业', 'One building, one leading industry'),
      },
      { field: 'freightElevators', zh: '货梯数量', en: 'Freight elevators', type: 'int', note: n('部', 'Count') },
      {
        field: 'freightElevatorCapacityT',
        zh: '货梯载重(吨)',
        en: 'Freight elevator capacity (t)',
        type: 'number',
        note: n('吨', 'Tonnes'),
      },
      { field: 'completionYear', zh: '竣工年份', en: 'Completion year', type: 'int', note: n('如 2023', 'e.g. 2023') },
      { field: 'lat', zh: '纬度', en: 'Latitude', type: 'number', note: n('WGS-84', 'WGS-84') },
      { field: 'lng', zh: '经度', en: 'Longitude', type: 'number', note: n('WGS-84', 'WGS-84') },
      { field: 'description', zh: '简介', en: 'Description', type: 'text', note: n('可选', 'Optional') },
      ...provenance,
    ],
  },
  floors: {
    kind: 'floors',
    sheet: n('楼层', 'Floors'),
    key: ['parkCode', 'buildingCode', 'floorNo'],
    columns: [
      ...unitRef,
      { field: 'areaM2', zh: '楼层面积(平方米)', en: 'Floor area (m²)', type: 'number', note: n('平方米', 'm²') },
      {
        field: 'floorLoadKnM2',
        zh: '楼面荷载(kN/平方米)',
        en: 'Floor load (kN/m²)',
        type: 'number',
        note: n('1吨/平方米 ≈ 9.8 kN/平方米', '1 t/m² ≈ 9.8 kN/m²'),
      },
      { field: 'clearHeightM', zh: '净高(米)', en: 'Clear height (m)', type: 'number', note: n('米', 'm') },
      { field: 'powerKva', zh: '电力容量(kVA)', en: 'Power (kVA)', type: 'number', note: n('kVA', 'kVA') },
      {
        field: 'features',
        zh: '楼层设施',
        en: 'Features',
        type: 'enumList',
        enumGroup: 'floorFeature',
        note: n('多个用"、"分隔', 'Separate several with 、 or ;'),
      },
      ...provenance,
    ],
  },
  units: {
    kind: 'units',
    sheet: n('单元', 'Units'),
    key: ['parkCode', 'buildingCode', 'floorNo', 'code'],
    columns: [
      ...unitRef,
      {
        field: 'code',
        zh: '单元编号',
        en: 'Unit code',
        type: 'text',
        required: true,
        note: n('楼层内唯一，如 2401', 'Unique within the floor, e.g. 2401'),
      },
      { field: 'areaM2', zh: '单元面积(平方米)', en: 'Unit area (m²)', type: 'number', note: n('平方米', 'm²') },
      {
        field: 'status',
        zh: '状态',
        en: 'Status',
        type: 'enum',
        enumGroup: 'unitStatus',
        note: n('空置/已入驻/已预留', 'vacant / occupied / reserved'),
      },
      ...provenance,
    ],
  },
  enterprises: {
    kind: 'enterprises',
    sheet: n('企业', 'Enterprises'),
    key: ['creditCode|name'],
    columns: [
      {
        field: 'creditCode',
        zh: '统一社会信用代码',
        en: 'Credit code',
        type: 'text',
        note: n('18位；有代码时按代码去重', '18 characters; rows are matched by it'),
      },
      {
        field: 'creditCodeConfirmed',
        zh: '校验位已确认',
        en: 'Check confirmed',
        type: 'bool',
        note: n('校验位不符但确认无误时填"是"', 'yes if a failing check character is confirmed'),
      },
      {
        field: 'name',
        zh: '企业名称',
        en: 'Name',
        type: 'text',
        required: true,
        note: n('工商登记全称', 'Registered name'),
      },
      { field: 'nameEn', zh: '英文名称', en: 'English name', type: 'text', note: n('可选', 'Optional') },
      {
        field: 'aliases',
        zh: '简称/别名',
        en: 'Aliases',
        type: 'list',
        note: n('多个用"、"分隔', 'Separate several with 、 or ;'),
      },
      {
        field: 'industryClassCode',
        zh: '行业代码',
        en: 'Industry class',
        type: 'text',
        note: n('GB/T 4754-2017 四位小类，如 3976', 'GB/T 4754-2017 4-digit class, e.g. 3976'),
      },
      {
        field: 'foundedOn',
        zh: '成立日期',
        en: 'Founded on',
        type: 'date',
        note: n('格式 2019-06-28', 'Format 2019-06-28'),
      },
      {
        field: 'scale',
        zh: '企业规模',
        en: 'Scale',
        type: 'enum',
        enumGroup: 'scale',
        note: n('大型/中型/小型/微型', 'large / medium / small / micro'),
      },
      {
        field: 'lifecycleStage',
        zh: '成长阶段',
        en: 'Lifecycle stage',
        type: 'enum',
        enumGroup: 'lifecycle',
        note: n('从下拉列表选择', 'Pick from the list'),
      },
      { field: 'isChainLeader', zh: '链主企业', en: 'Chain leader', type: 'bool', note: n('是 / 否', 'yes / no') },
      {
        field: 'chainCode',
        zh: '所属产业链',
        en: 'Chain',
        type: 'enum',
        enumGroup: 'chain',
        note: n('从下拉列表选择', 'Pick from the list'),
      },
      {
        field: 'chainStage',
        zh: '产业链环节',
        en: 'Chain stage',
        type: 'enum',
        enumGroup: 'chainStage',
        note: n('上游/中游/下游', 'upstream / midstream / downstream'),
      },
      {
        field: 'products',
        zh: '主要产品',
        en: 'Products',
        type: 'list',
        note: n('多个用"、"分隔', 'Separate several with 、 or ;'),
      },
      {
        field: 'regionCode',
        zh: '注册地区划',
        en: 'Registered district',
        type: 'text',
        note: n('6位区划代码或区名', '6-digit code or district name'),
      },
      {
        field: 'honours',
        zh: '荣誉资质',
        en: 'Honours',
        type: 'honours',
        note: n(
          '"名称:年份"，多个用"、"分隔，如 专精特新"小巨人"企业:2023',
          '"name:year", several separated by 、 e.g. little_giant:2023',
        ),
      },
      { field: 'description', zh: '简介', en: 'Description', type: 'text', note: n('可选', 'Optional') },
      ...provenance,
    ],
  },
  occupancies: {
    kind: 'occupancies',
    sheet: n('入驻', 'Occupancy'),
    key: ['parkCode', 'buildingCode', 'floorNo', 'unitCode'],
    columns: [
      ...enterpriseRef('', '', ''),
      ...unitRef,
      {
        field: 'unitCode',
        zh: '单元编号',
        en: 'Unit code',
        type: 'text',
        required: true,
        note: n('单元表中的编号', 'Code from the unit sheet'),
      },
      {
        field: 'startedOn',
        zh: '入驻日期',
        en: 'Started on',
        type: 'date',
        note: n('格式 2024-01-01', 'Format 2024-01-01'),
      },
      {
        field: 'endedOn',
        zh: '迁出日期',
        en: 'Ended on',
        type: 'date',
        note: n('仍在租留空', 'Blank while still there'),
      },
      { field: 'areaM2', zh: '使用面积(平方米)', en: 'Area used (m²)', type: 'number', note: n('平方米', 'm²') },
      ...provenance,
    ],
  },
  metrics: {
    kind: 'metrics',
    sheet: n('年度指标', 'Yearly metrics'),
    key: ['year'],
    columns: [
      ...enterpriseRef('', '', ''),
      { field: 'year', zh: '年度', en: 'Year', type: 'int', required: true, note: n('如 2024', 'e.g. 2024') },
      money('revenueWan', '营业收入', 'Revenue'),
      money('outputWan', '工业总产值', 'Industrial output'),
      money('valueAddedWan', '增加值', 'Value added'),
      money('taxWan', '税收', 'Tax'),
      money('rndWan', '研发费用', 'R&D expense'),
      { field: 'rndStaff', zh: '研发人员(人)', en: 'R&D staff', type: 'int', note: n('人', 'People') },
      { field: 'employees', zh: '从业人员(人)', en: 'Employees', type: 'int', note: n('人', 'People') },
      {
        field: 'energyTce',
        zh: '综合能耗(吨标准煤)',
        en: 'Energy (tce)',
        type: 'number',
        note: n('吨标准煤', 'Tonnes of standard coal'),
      },
      { field: 'emissionsT', zh: '排放(吨)', en: 'Emissions (t)', type: 'number', note: n('吨', 'Tonnes') },
      { field: 'landMu', zh: '用地(亩)', en: 'Land (mu)', type: 'number', note: n('亩', 'mu') },
      money('exportsWan', '出口额', 'Exports'),
      { field: 'patentsInvention', zh: '发明专利(件)', en: 'Invention patents', type: 'int', note: n('件', 'Count') },
      {
        field: 'patentsUtility',
        zh: '实用新型专利(件)',
        en: 'Utility-model patents',
        type: 'int',
        note: n('件', 'Count'),
      },
      { field: 'patentsDesign', zh: '外观设计专利(件)', en: 'Design patents', type: 'int', note: n('件', 'Count') },
      {
        field: 'softwareCopyrights',
        zh: '软件著作权(件)',
        en: 'Software copyrights',
        type: 'int',
        note: n('件', 'Count'),
      },
      ...provenance,
    ],
  },
  'supply-links': {
    kind: 'supply-links',
    sheet: n('供应关系', 'Supplier links'),
    key: ['product'],
    columns: [
      ...enterpriseRef('supplier', '供应商', 'Supplier '),
      ...enterpriseRef('customer', '客户', 'Customer '),
      {
        field: 'product',
        zh: '产品',
        en: 'Product',
        type: 'text',
        required: true,
        note: n('供应的产品或服务', 'Product or service supplied'),
      },
      money('annualAmountWan', '年采购额', 'Annual amount'),
      { field: 'year', zh: '年度', en: 'Year', type: 'int', note: n('如 2024', 'e.g. 2024') },
      ...provenance,
    ],
  },
};

/** Finds a kind by its sheet name (Chinese or English, case-insensitive) or its code. */
export function kindBySheet(name: string): KindDef | undefined {
  const s = name.trim().toLowerCase();
  return Object.values(KINDS).find((k) => k.kind === s || k.sheet.zh === name.trim() || k.sheet.en.toLowerCase() === s);
}
