import type { Unit } from '../domain/units.ts';

/** The district's units as SPEC.md names them; loaded on first start and by `npm run seed`. */
export const SEED_UNITS: readonly Unit[] = [
  { id: 'district-office', name: '区政府办公室', kind: 'department' },
  { id: 'info-center', name: '区信息中心', kind: 'department' },
  { id: 'urban-management', name: '区城管局', kind: 'department' },
  { id: 'environment', name: '区环保局', kind: 'department' },
  { id: 'market-regulation', name: '区市场监督管理局', kind: 'department' },
  { id: 'civil-affairs', name: '区民政局', kind: 'department' },
  { id: 'housing', name: '区住建局', kind: 'department' },
  { id: 'education', name: '区教育局', kind: 'department' },
  { id: 'health', name: '区卫生局', kind: 'department' },
  { id: 'dongfeng-street', name: '东风街道办事处', kind: 'street-office' },
  { id: 'gexin-street', name: '革新街道办事处', kind: 'street-office' },
  { id: 'xinhua-road-street', name: '新华路街道办事处', kind: 'street-office' },
  { id: 'dadianzhuang-town', name: '大店庄乡人民政府', kind: 'township' },
  { id: 'zhaoling-town', name: '赵陵铺镇人民政府', kind: 'township' },
];
