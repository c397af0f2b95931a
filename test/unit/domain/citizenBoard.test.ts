import { describe, expect, it } from 'vitest';
import {
  rankDepartments,
  type RankingCounter,
  type RankingDay,
} from '../../../shared/domain/citizenBoard.ts';
import {
  containsMobileNumber,
  maskPersonalNumbers,
} from '../../../shared/domain/personalNumbers.ts';
import { cellsAround, distanceMeters, geohash } from '../../../shared/domain/geo.ts';

describe('geohash cells', () => {
  it('encodes the published examples', () => {
    expect(geohash(42.6, -5.6, 5)).toBe('ezs42');
    expect(geohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
  });

  it('covers every point within 50 m with 1 to 4 cells, from Hainan to Heilongjiang', () => {
    for (const lat of [18.25, 38.0412, 45.75, 53.4]) {
      for (const lng of [109.5, 114.5147, 126.63]) {
        const cells = cellsAround(lat, lng);
        expect(cells.length).toBeGreaterThanOrEqual(1);
        expect(cells.length).toBeLessThanOrEqual(lat > 49 ? 6 : 4);
        for (let bearing = 0; bearing < 360; bearing += 15) {
          const rad = (bearing * Math.PI) / 180;
          const point = {
            lat: lat + (50 / 111_195) * Math.cos(rad),
            lng: lng + ((50 / 111_195) * Math.sin(rad)) / Math.cos((lat * Math.PI) / 180),
          };
          expect(distanceMeters({ lat, lng }, point)).toBeCloseTo(50, 0);
          expect(cells).toContain(geohash(point.lat, point.lng));
        }
      }
    }
  });
});

describe('masking personal numbers in public text (Art14)', () => {
  it.each([
    ['电话13912345678', '电话139****5678'],
    ['电话+86 139 1234 5678。', '电话+86 139 **** 5678。'],
    ['电话１３９１２３４５６７８', '电话139****5678'],
    ['身份证11010119900307123X', '身份证110***********123X'],
    ['座机010-12345678，谢谢', '座机010-****5678，谢谢'],
    ['2026年11月25日，共3处', '2026年11月25日，共3处'],
    ['订单号1391234567890123', '订单号1391234567890123'],
    // However people write them: slashes, Chinese commas, double spaces, dashes, invisible characters.
    ['打138 / 0013 / 8000找我', '打138 / **** / 8000找我'],
    ['电话139，1234，5678', '电话139，****，5678'],
    ['电话137  1234  5678', '电话137  ****  5678'],
    ['电话1\u200b3\u200c9\u200d1234\u20605678', '电话139****5678'],
    ['电话\ufeff１３８ ００１３ ８０００', '电话138 **** 8000'],
    ['座机010—12345678', '座机010—****5678'],
    ['座机0311 8765 4321', '座机031* **** 4321'],
    ['身份证 110101 19900307 123X', '身份证 110*** ******** 123X'],
  ])('%s → %s', (text, masked) => {
    expect(maskPersonalNumbers(text)).toBe(masked);
  });

  it('keeps a department’s landline in its reply, and still masks a mobile or an ID number there', () => {
    expect(
      maskPersonalNumbers('请拨打本局办公室电话0311-86012345，或13912345678', {
        keepLandlines: true,
      }),
    ).toBe('请拨打本局办公室电话0311-86012345，或139****5678');
  });

  it('finds a mobile number however it is written, and not a landline or an ID number', () => {
    for (const text of [
      '138 / 0013 / 8000',
      '139，1234，5678',
      '+86 139-1234-5678',
      '１３８００１３８０００',
    ])
      expect(containsMobileNumber(text), text).toBe(true);
    for (const text of ['0311-86012345', '11010119900307123X', '2026年11月25日'])
      expect(containsMobileNumber(text), text).toBe(false);
  });
});

describe('ranking departments', () => {
  const day = (
    unitId: string,
    reports: number,
    hours: number[],
    within: number,
    more: Partial<Record<RankingCounter, number>> = {},
  ): RankingDay => ({
    unitId,
    day: '2026-03-02',
    reports,
    firstReplyHours: hours,
    resolvedWithinSla: within,
    judged: reports,
    feedbacks: 0,
    satisfied: 0,
    reopened: 0,
    overdue: 0,
    ...more,
  });

  it('ranks by the share resolved within the SLA, then the faster first reply; equal figures share a rank', () => {
    const ranked = rankDepartments(
      [
        { unitId: 'a', name: 'A' },
        { unitId: 'b', name: 'B' },
        { unitId: 'c', name: 'C' },
        { unitId: 'd', name: 'D' },
        { unitId: 'e', name: 'E' },
      ],
      [
        day('a', 2, [5, 1], 1),
        day('b', 2, [2, 4], 1),
        day('c', 1, [3], 0),
        day('d', 4, [1, 2, 3, 10], 4),
      ],
    );
    expect(
      ranked.map(({ unitId, rank, firstReplyMedianHours, resolvedWithinSlaShare }) => [
        unitId,
        rank,
        firstReplyMedianHours,
        resolvedWithinSlaShare,
      ]),
    ).toEqual([
      ['d', 1, 2.5, 1],
      ['a', 2, 3, 0.5],
      ['b', 2, 3, 0.5],
      ['c', 4, 3, 0],
      ['e', null, null, null],
    ]);
  });

  it('judges only reports whose fate is known: a fresh report inside its time counts for nothing, an ignored one against', () => {
    const [fresh, ignoring] = rankDepartments(
      [
        { unitId: 'fresh', name: '新收' },
        { unitId: 'ignoring', name: '不理' },
      ],
      [
        // Ten reports, one resolved in time, nine still inside their time: 1 of 1.
        day('fresh', 10, [2], 1, { judged: 1 }),
        // Ten reports, one resolved in time, nine unanswered past the first-reply time: 1 of 10.
        day('ignoring', 10, [2], 1, { judged: 10, overdue: 3 }),
      ],
    );
    expect(fresh).toMatchObject({ unitId: 'fresh', resolvedWithinSlaShare: 1, rank: 1 });
    expect(ignoring).toMatchObject({
      unitId: 'ignoring',
      resolvedWithinSlaShare: 0.1,
      overdue: 3,
      rank: 2,
    });
  });

  it('gives the citizens’ satisfied share of those who judged, and counts reopenings', () => {
    const [unit] = rankDepartments(
      [{ unitId: 'a', name: 'A' }],
      [
        day('a', 3, [1], 2, { feedbacks: 3, satisfied: 2, reopened: 1 }),
        day('a', 1, [], 0, { judged: 0, feedbacks: 1, satisfied: 0 }),
      ],
    );
    expect(unit).toMatchObject({ satisfiedShare: 0.5, reopened: 1, reports: 4 });
  });
});
