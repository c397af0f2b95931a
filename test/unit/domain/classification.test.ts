import { describe, expect, it } from 'vitest';
import {
  fieldsWithClassifiedMarking,
  isClassifiedMarking,
} from '../../../shared/domain/classification.ts';

describe('isClassifiedMarking', () => {
  it.each([
    ['秘密★1年', 'a marking with a star and a period'],
    ['机密', 'a bare marking'],
    ['绝密★长期 关于某事的通知', 'a marking heading the text'],
    ['机 密', 'a spaced marking'],
    ['机\u3000密', 'a full-width space between the characters'],
    ['绝\u200b密', 'a zero-width space between the characters'],
    ['秘·密', 'a middle dot between the characters'],
    ['機密文件', 'traditional characters'],
    ['絕密', 'traditional 绝'],
    ['★机密★', 'stars around the marking'],
  ])('refuses %s (%s)', (text) => {
    expect(isClassifiedMarking(text)).toBe(true);
  });

  it.each([
    ['关于召开全区政务专网工作会议的通知'],
    ['请于10分钟内签收'],
    ['保密工作要求'],
    ['机关密码管理'],
    [''],
  ])('lets %s through', (text) => {
    expect(isClassifiedMarking(text)).toBe(false);
  });

  it('names every field that carries a marking', () => {
    expect(
      fieldsWithClassifiedMarking({ title: '通知', body: '内容 机 密', note: undefined }),
    ).toEqual(['body']);
  });
});
