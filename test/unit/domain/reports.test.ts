import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containsMobileNumber } from '../../../shared/domain/personalNumbers.ts';
import {
  isPlausibleLocation,
  newTrackingToken,
  photoRefusal,
  newReportUpdate,
  sniffImageType,
  tokenMatches,
  type Report,
  type ReportPhoto,
} from '../../../shared/domain/reports.ts';
import { nextStatuses, type UpdateStatus } from '../../../shared/domain/reportStatus.ts';
import { DEFAULT_REMINDER_SETTINGS } from '../../../shared/domain/reminders.ts';
import { ConflictError, ValidationError } from '../../../shared/errors.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));
const jpeg = fixture('python.jpg');
const png = fixture('python.png');
const webp = fixture('python.webp');
const heicHead = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypheic'),
  Buffer.alloc(16),
]);

describe('sniffImageType', () => {
  it('knows real JPEG, PNG, WebP and HEIC bytes', () => {
    expect(sniffImageType(jpeg)).toBe('image/jpeg');
    expect(sniffImageType(png)).toBe('image/png');
    expect(sniffImageType(webp)).toBe('image/webp');
    expect(sniffImageType(heicHead)).toBe('image/heic');
  });
  it.each([
    ['text', Buffer.from('hello, this is not a photo')],
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['a GIF (not an accepted type)', fixture('python.gif')],
    ['a truncated JPEG', jpeg.subarray(0, 2)],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s', (_name, bytes) => {
    expect(sniffImageType(bytes)).toBeUndefined();
  });
});

describe('photoRefusal', () => {
  const declared: ReportPhoto = {
    n: 0,
    contentType: 'image/jpeg',
    size: 10_000,
    state: 'expected',
  };
  it('accepts the photo that was declared', () => {
    expect(
      photoRefusal(declared, { firstBytes: jpeg, size: jpeg.length, contentType: 'image/jpeg' }),
    ).toBeUndefined();
  });
  it.each([
    [
      'an undeclared slot',
      undefined,
      { firstBytes: jpeg, size: jpeg.length, contentType: 'image/jpeg' },
      'no such photo was declared',
    ],
    [
      'a PNG declared as JPEG',
      declared,
      { firstBytes: png, size: png.length, contentType: 'image/jpeg' },
      'bytes are image/png, declared image/jpeg',
    ],
    [
      'text sent as JPEG',
      declared,
      { firstBytes: Buffer.from('not an image at all'), size: 19, contentType: 'image/jpeg' },
      'not an image',
    ],
    [
      'a larger file than declared',
      declared,
      { firstBytes: jpeg, size: 10_001, contentType: 'image/jpeg' },
      'larger than declared (10001 > 10000 bytes)',
    ],
    [
      'a slot already attached',
      { ...declared, state: 'attached' as const },
      { firstBytes: jpeg, size: jpeg.length, contentType: 'image/jpeg' },
      'photo 0 is attached already',
    ],
  ])('refuses %s', (_name, photo, upload, reason) => {
    expect(photoRefusal(photo, upload)).toBe(reason);
  });
});

describe('reports', () => {
  const department = {
    sub: 'li',
    unitId: 'urban-management',
    groups: ['unit-staff' as const],
    sourceIp: '10.0.0.1',
  };
  const reportIn = (status: Report['status']): Report => ({
    id: '01JREPORT000000000000000000',
    serviceCode: 'city-appearance',
    unitId: 'urban-management',
    description: '人行道上有建筑垃圾',
    lat: 38.05,
    lng: 114.46,
    status,
    createdAt: '2026-11-25T02:00:00.000Z',
    trackingTokenHash: '00',
    photos: [],
  });
  const reportUpdate = (status: Report['status'], next: UpdateStatus, reply: string | undefined) =>
    newReportUpdate(
      reportIn(status),
      { status: next, reply },
      department,
      new Date('2026-11-25T03:00:00.000Z'),
      DEFAULT_REMINDER_SETTINGS,
    );

  it('moves forward only, and needs a public reply to close', () => {
    expect(() => {
      reportUpdate('submitted', 'accepted', undefined);
    }).not.toThrow();
    expect(() => {
      reportUpdate('in_progress', 'accepted', undefined);
    }).toThrow(ConflictError);
    expect(() => {
      reportUpdate('accepted', 'resolved', undefined);
    }).toThrow(ValidationError);
    expect(() => {
      reportUpdate('accepted', 'resolved', '已清理');
    }).not.toThrow();
    expect(() => {
      reportUpdate('resolved', 'rejected', '重复');
    }).toThrow(ConflictError);
  });

  it('offers exactly the next steps it accepts (the console offers nextStatuses)', () => {
    expect(nextStatuses('submitted')).toEqual(['accepted', 'in_progress', 'resolved', 'rejected']);
    expect(nextStatuses('accepted')).toEqual(['in_progress', 'resolved', 'rejected']);
    expect(nextStatuses('in_progress')).toEqual(['resolved', 'rejected']);
    expect(nextStatuses('resolved')).toEqual([]);
    expect(nextStatuses('rejected')).toEqual([]);
    for (const from of ['submitted', 'accepted', 'in_progress', 'resolved', 'rejected'] as const)
      for (const to of ['accepted', 'in_progress', 'resolved', 'rejected'] as const) {
        const accepted = (() => {
          try {
            reportUpdate(from, to, '已处理');
            return true;
          } catch {
            return false;
          }
        })();
        expect(accepted, `${from} → ${to}`).toBe(nextStatuses(from).includes(to));
      }
  });

  it('records who replied, when, and its audit record; the first reply answers the report', () => {
    const { report, ...rest } = reportUpdate('submitted', 'accepted', '已受理');
    expect(report).toMatchObject({
      status: 'accepted',
      firstRepliedAt: '2026-11-25T03:00:00.000Z',
    });
    expect(rest).toEqual({
      update: {
        id: expect.stringMatching(/^[0-9A-Z]{26}$/),
        reportId: '01JREPORT000000000000000000',
        status: 'accepted',
        reply: '已受理',
        at: '2026-11-25T03:00:00.000Z',
        by: 'li',
        unitId: 'urban-management',
      },
      audit: {
        action: 'report.update',
        target: 'REPORT#01JREPORT000000000000000000',
        actor: department,
        at: '2026-11-25T03:00:00.000Z',
        details: { status: 'accepted' },
      },
    });
  });
  it('finds mobile numbers in a reply, in the forms people write them', () => {
    for (const text of [
      '请联系13800000001',
      '电话 138 0000 0001',
      '+86-138-0000-0001',
      '请拨１３８００１３８０００',
      '138.0013.8000',
      '1 3 8 0 0 1 3 8 0 0 0',
      '138／0013／8000',
      '（+86）138-0013-8000',
    ])
      expect(containsMobileNumber(text), text).toBe(true);
    for (const text of ['已于11月25日处理完毕', '热线12345', '编号2026112500001'])
      expect(containsMobileNumber(text)).toBe(false);
  });
  it('checks a tracking token against its hash only', () => {
    const { token, hash } = newTrackingToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokenMatches(token, hash)).toBe(true);
    expect(tokenMatches(`${token}x`, hash)).toBe(false);
  });
  it('takes locations in China only', () => {
    expect(isPlausibleLocation(38.05, 114.46)).toBe(true);
    expect(isPlausibleLocation(0, 0)).toBe(false);
  });
});
