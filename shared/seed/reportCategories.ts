import type { Service } from '../domain/reportCategories.ts';

/** Art10: the columns of 掌上新华 and the department responsible for each category (SPEC.md). */
export const SEED_CATEGORIES: readonly Service[] = [
  {
    code: 'city-appearance',
    name: '市容随手拍',
    column: '市容随手拍',
    unitId: 'urban-management',
    active: true,
  },
  {
    code: 'environment',
    name: '环境保护',
    column: '指点新华区',
    unitId: 'environment',
    active: true,
  },
  {
    code: 'food-safety',
    name: '食品安全',
    column: '指点新华区',
    unitId: 'market-regulation',
    active: true,
  },
  {
    code: 'low-income-subsidy',
    name: '低保问题',
    column: '指点新华区',
    unitId: 'civil-affairs',
    active: true,
    nearby: false,
  },
  {
    code: 'housing-security',
    name: '住房保障',
    column: '指点新华区',
    unitId: 'housing',
    active: true,
  },
  {
    code: 'central-heating',
    name: '集中供热',
    column: '指点新华区',
    unitId: 'housing',
    active: true,
  },
  { code: 'education', name: '教育问题', column: '指点新华区', unitId: 'education', active: true },
  {
    code: 'health-epidemic',
    name: '卫生防疫',
    column: '指点新华区',
    unitId: 'health',
    active: true,
  },
];
