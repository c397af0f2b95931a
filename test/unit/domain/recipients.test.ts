import { describe, expect, it } from 'vitest';
import { resolveRecipients } from '../../../shared/domain/recipients.ts';
import { ValidationError } from '../../../shared/errors.ts';

const known = ['district-office', 'environment', 'health', 'education'];

describe('resolveRecipients', () => {
  it('sends "all" to every unit but the sender', () => {
    expect(resolveRecipients('all', known, 'district-office')).toEqual([
      'environment',
      'health',
      'education',
    ]);
  });
  it('removes repeated units', () => {
    expect(resolveRecipients(['health', 'health', 'education'], known, 'district-office')).toEqual([
      'health',
      'education',
    ]);
  });
  it('names every unknown unit', () => {
    try {
      resolveRecipients(['health', 'nowhere', 'atlantis'], known, 'district-office');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).details.map((detail) => detail.message)).toEqual([
        '单位“nowhere”不存在',
        '单位“atlantis”不存在',
      ]);
    }
  });
});
