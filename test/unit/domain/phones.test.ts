import { describe, expect, it } from 'vitest';
import { isMobilePhone, maskPhone, normalizePhone } from '../../../shared/domain/phones.ts';

describe('phones', () => {
  it('reads a Chinese mobile number without +86', () => {
    expect(normalizePhone('13800000001')).toBe('+8613800000001');
    expect(normalizePhone('+86 138 0000 0001')).toBe('+8613800000001');
  });
  it('accepts a landline with its area code', () => {
    expect(normalizePhone('0311-87654321')).toBe('+8631187654321');
  });
  it('refuses what is not a Chinese phone number', () => {
    expect(normalizePhone('12345')).toBeUndefined();
    expect(normalizePhone('call me')).toBeUndefined();
    expect(normalizePhone('+1 202 555 0100')).toBeUndefined();
  });
  it('tells a mobile number from a landline', () => {
    expect(isMobilePhone('+8613800000001')).toBe(true);
    expect(isMobilePhone('+8631187654321')).toBe(false);
  });
  it('masks the middle of a number', () => {
    expect(maskPhone('+8613800000001')).toBe('+86 138****0001');
  });
});
