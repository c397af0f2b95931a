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
    ['機密★', 'traditional characters'],
    ['密級：機密', 'traditional 密級 and 機密'],
    ['絕密', 'traditional 绝'],
    ['★机密★', 'stars around the marking'],
    ['机\u00ad密★1年', 'a soft hyphen between the characters'],
    ['绝\u200e密★', 'a left-to-right mark between the characters'],
    ['秘\u200f密★长期', 'a right-to-left mark between the characters'],
    ['机\u2061密★', 'an invisible function application between the characters'],
    ['机\ufe0f密★', 'a variation selector between the characters'],
    ['机\u0301密★', 'a combining mark between the characters'],
    ['机\u20dd密★', 'an enclosing mark between the characters'],
    ['机\u00a0密★', 'a no-break space between the characters'],
    ['机密＊', 'a full-width asterisk'],
    ['秘密☆', 'a white star'],
    ['密级：机密', 'after 密级'],
    ['密级 绝 密', 'after 密级, spaced'],
    ['【机密】关于某项工作的通知', 'in brackets'],
    ['关于某项工作的通知（秘密）', 'in round brackets'],
    ['本文件属机密级', 'as a level'],
    ['机\u200b密 关于某项工作的通知', 'opening the title'],
    ['机密：关于某项工作的通知', 'opening the title, with a colon'],
    ['〈机密〉关于某项工作的通知', 'in angle brackets'],
    ['〖机密〗关于某项工作的通知', 'in lenticular brackets'],
    ['{机密}关于某项工作的通知', 'in braces'],
    ['｛机密｝', 'in full-width braces'],
    ['机\u3164密★', 'a Hangul filler (U+3164) between the characters'],
    ['机\uffa0密★', 'a half-width Hangul filler (U+FFA0) between the characters'],
    ['机\u115f密★', 'a Hangul choseong filler (U+115F) between the characters'],
    ['机\u2800密★', 'a Braille blank (U+2800) between the characters'],
    ['密级为机密', 'after 密级为'],
    ['密级-机密', 'after 密级 and a hyphen'],
    ['密级︰机密', 'after 密级 and a vertical-form colon'],
    ['密级是秘密', 'after 密级是'],
  ])('refuses %s (%s)', (text) => {
    expect(isClassifiedMarking(text)).toBe(true);
  });

  it.each([
    ['关于召开全区政务专网工作会议的通知'],
    ['请于10分钟内签收'],
    ['保密工作要求'],
    ['机关密码管理'],
    [''],
    ['关于保守国家秘密的宣传教育通知'],
    ['请各单位做好商业秘密保护工作'],
    ['保守党和国家的秘密是每个公民的义务'],
    ['本平台不处理绝密文件，本通知不涉密'],
    ['保守国家秘密'],
    ['商业秘密'],
    ['机密文件管理培训'],
    ['機密文件管理培训'],
    ['关于开展机密文件管理培训的通知'],
    ['密级管理办法解读'],
  ])('lets %s through', (text) => {
    expect(isClassifiedMarking(text)).toBe(false);
  });

  it('names every field that carries a marking', () => {
    expect(
      fieldsWithClassifiedMarking({ title: '通知', body: '内容 机 密★1年', note: undefined }),
    ).toEqual(['body']);
  });
});
