/**
 * Chinese and English labels of the closed vocabularies in enums.ts, shared by the web UI, the
 * import templates and the exports, so a code reads the same everywhere.
 */
export const ENUM_LABELS = {
  parkKind: {
    national_zone: { zh: '国家级开发区', en: 'National development zone' },
    provincial_zone: { zh: '省级开发区', en: 'Provincial development zone' },
    industrial_base: { zh: '国家级产业基地', en: 'National industrial base' },
    characteristic_park: { zh: '特色产业园区', en: 'Characteristic industrial park' },
    software_park: { zh: '软件园', en: 'Software park' },
    incubator: { zh: '孵化器 / 科创城', en: 'Incubator / innovation city' },
    logistics_park: { zh: '物流园区', en: 'Logistics park' },
    urban_industrial_park: { zh: '都市工业园', en: 'Urban industrial park' },
    cluster: { zh: '产业集群', en: 'Industrial cluster' },
  },
  parkLevel: {
    national: { zh: '国家级', en: 'National' },
    provincial: { zh: '省级', en: 'Provincial' },
    municipal: { zh: '市级', en: 'Municipal' },
    district: { zh: '区级', en: 'District' },
    other: { zh: '其他', en: 'Other' },
  },
  parkStatus: {
    planned: { zh: '规划中', en: 'Planned' },
    under_construction: { zh: '在建', en: 'Under construction' },
    operating: { zh: '运营中', en: 'Operating' },
    renewal: { zh: '更新改造中', en: 'Under renewal' },
  },
  buildingType: {
    standard_factory: { zh: '标准厂房', en: 'Standard factory' },
    high_rise_factory: { zh: '高层厂房（工业上楼）', en: 'High-rise factory' },
    rnd: { zh: '研发楼', en: 'R&D building' },
    incubator: { zh: '孵化楼', en: 'Incubator building' },
    warehouse: { zh: '仓库', en: 'Warehouse' },
    office: { zh: '写字楼', en: 'Office' },
    mixed: { zh: '综合楼', en: 'Mixed use' },
  },
  floorFeature: {
    exhaust: { zh: '排风', en: 'Exhaust' },
    water_drainage: { zh: '给排水', en: 'Water & drainage' },
    clean_room: { zh: '洁净室', en: 'Clean room' },
    heavy_equipment: { zh: '重型设备', en: 'Heavy equipment' },
    truck_access: { zh: '货车直达', en: 'Truck access' },
    cold_storage: { zh: '冷库', en: 'Cold storage' },
  },
  unitStatus: {
    vacant: { zh: '空置', en: 'Vacant' },
    occupied: { zh: '已入驻', en: 'Occupied' },
    reserved: { zh: '已预留', en: 'Reserved' },
  },
  scale: {
    large: { zh: '大型', en: 'Large' },
    medium: { zh: '中型', en: 'Medium' },
    small: { zh: '小型', en: 'Small' },
    micro: { zh: '微型', en: 'Micro' },
  },
  lifecycle: {
    lab: { zh: '0→1 实验室', en: '0→1 Lab' },
    incubator: { zh: '1→10 孵化', en: '1→10 Incubator' },
    park: { zh: '10→N 园区', en: '10→N Park' },
  },
  chainStage: {
    upstream: { zh: '上游', en: 'Upstream' },
    midstream: { zh: '中游', en: 'Midstream' },
    downstream: { zh: '下游', en: 'Downstream' },
  },
  chain: {
    oe: { zh: '光电子信息', en: 'Optoelectronics' },
    nev: { zh: '新能源与智能网联汽车', en: 'NEV & ICV' },
    lh: { zh: '生命健康', en: 'Life & health' },
    he: { zh: '高端装备', en: 'High-end equipment' },
    bd: { zh: '北斗', en: 'BeiDou' },
    sec: { zh: '网安信创', en: 'Cybersecurity & Xinchuang' },
    ei: { zh: '电子信息', en: 'Electronic information' },
    st: { zh: '智能终端', en: 'Smart terminals' },
    nm: { zh: '新能源新材料', en: 'New energy & materials' },
    sp: { zh: '商业航天', en: 'Commercial space' },
    ai: { zh: '人工智能', en: 'AI' },
    im: { zh: '智能制造', en: 'Intelligent manufacturing' },
    food: { zh: '食品加工', en: 'Food processing' },
    logistics: { zh: '物流', en: 'Logistics' },
    software: { zh: '软件', en: 'Software' },
  },
  institutionKind: {
    university: { zh: '高校', en: 'University' },
    research_institute: { zh: '科研院所', en: 'Research institute' },
    incubator: { zh: '孵化器', en: 'Incubator' },
    service_center: { zh: '服务中心', en: 'Service centre' },
    innovation_center: { zh: '创新中心', en: 'Innovation centre' },
    industry_association: { zh: '行业协会', en: 'Industry association' },
  },
  honourLevel: {
    national: { zh: '国家级', en: 'National' },
    provincial: { zh: '省级', en: 'Provincial' },
    municipal: { zh: '市级', en: 'Municipal' },
    other: { zh: '其他', en: 'Other' },
  },
  sourceStatus: {
    verified: { zh: '已核实', en: 'Verified' },
    unverified: { zh: '待核实', en: 'Unverified' },
    synthetic: { zh: '示例数据', en: 'Synthetic' },
  },
} as const satisfies Record<string, Record<string, { zh: string; en: string }>>;

export type EnumGroup = keyof typeof ENUM_LABELS;
