import type { BuildingUse, LocalizedName, PipeNetwork, PipeNodeProperties, SearchKind } from '@pengcheng/protocol';

/** What each kind of result is called: shown for unnamed things and searchable (停车场, valve). */
export const KIND_LABELS: Readonly<Record<SearchKind, Required<LocalizedName>>> = {
  building: { zh: '建筑', en: 'building' },
  road: { zh: '道路', en: 'road' },
  bridge: { zh: '桥梁', en: 'bridge' },
  square: { zh: '广场', en: 'square' },
  water: { zh: '水体', en: 'water' },
  parking_lot: { zh: '停车场', en: 'car park' },
  low_point: { zh: '内涝点', en: 'waterlogging point' },
  camera: { zh: '摄像机', en: 'camera' },
  smart_pole: { zh: '多功能信息杆柱', en: 'smart pole' },
  utility_tunnel: { zh: '综合管廊', en: 'utility tunnel' },
  pipe_segment: { zh: '管线', en: 'pipe' },
  pipe_node: { zh: '管线节点', en: 'pipe node' },
};

export const NETWORK_LABELS: Readonly<Record<PipeNetwork, Required<LocalizedName>>> = {
  water_supply: { zh: '给水', en: 'Water supply' },
  storm_drainage: { zh: '雨水', en: 'Storm drain' },
  sewage: { zh: '污水', en: 'Sewer' },
  gas: { zh: '燃气', en: 'Gas' },
  power: { zh: '电力', en: 'Power' },
  telecom: { zh: '通信', en: 'Telecom' },
  heating: { zh: '热力', en: 'Heating' },
};

export const NODE_KIND_LABELS: Readonly<Record<PipeNodeProperties['kind'], Required<LocalizedName>>> = {
  valve: { zh: '阀门', en: 'valve' },
  manhole: { zh: '检查井', en: 'manhole' },
  junction: { zh: '节点', en: 'junction' },
  end: { zh: '端点', en: 'end' },
};

export const BUILDING_USE_LABELS: Readonly<Record<BuildingUse, Required<LocalizedName>>> = {
  government: { zh: '政府机关', en: 'government' },
  office: { zh: '办公', en: 'office' },
  residential: { zh: '住宅', en: 'residential' },
  commercial: { zh: '商业', en: 'commercial' },
  school: { zh: '学校', en: 'school' },
  hospital: { zh: '医院', en: 'hospital' },
  cultural: { zh: '文化', en: 'cultural' },
  sports: { zh: '体育', en: 'sports' },
  hotel: { zh: '酒店', en: 'hotel' },
  industrial: { zh: '工业', en: 'industrial' },
  utility: { zh: '市政设施', en: 'utility' },
  transport: { zh: '交通', en: 'transport' },
  mixed: { zh: '综合', en: 'mixed use' },
};
