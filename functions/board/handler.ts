import {
  BoardPage,
  BoardQuery,
  NearbyList,
  NearbyQuery,
  RankingQuery,
  RankingView,
} from '../../shared/contract/reports.ts';
import { photoKey } from '../../shared/aws/objectKeys.ts';
import { rankDepartments } from '../../shared/domain/citizenBoard.ts';
import { addDays, bulletinRange, shanghaiDay } from '../../shared/domain/reception.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { findNearby, listBoard, readRankingDays } from '../../shared/store/citizenBoard.ts';
import { getService, listServices } from '../../shared/store/reportCategories.ts';
import { answersNearby } from '../../shared/domain/reportCategories.ts';
import { listUnits } from '../../shared/store/units.ts';

/** The public side of citizen reports (Art10.2): the board, the ranking of departments, "someone nearby already reported this". */

/** The ranking's default: the 30 days to today. */
const RANKING_DAYS = 30;

export const board = apiRoutes('board', {
  'GET /public/board': defineRoute({
    query: BoardQuery,
    responses: { 200: BoardPage },
    handle: async ({ query }, { store, uploads }) => {
      const page = await listBoard(store, query.cursor);
      const items = await Promise.all(
        page.items.map(async ({ photos, ...entry }) => ({
          ...entry,
          photos: await Promise.all(
            photos.map(async (n) => ({
              url: await uploads.link(photoKey(entry.id, n)),
            })),
          ),
        })),
      );
      return { status: 200, body: { items, ...(page.cursor ? { cursor: page.cursor } : {}) } };
    },
  }),

  'GET /public/reports/nearby': defineRoute({
    query: NearbyQuery,
    responses: { 200: NearbyList },
    handle: async ({ query, now }, { store }) => {
      const service = await getService(store, query.serviceCode);
      const answers = service?.active === true && answersNearby(service);
      return {
        status: 200,
        body: answers ? await findNearby(store, query, now) : { items: [], unpublished: 0 },
      };
    },
  }),

  'GET /public/ranking': defineRoute({
    query: RankingQuery,
    responses: { 200: RankingView },
    handle: async ({ query, now }, { store }) => {
      const to = query.to ?? shanghaiDay(now.toISOString());
      const range = bulletinRange(query.from ?? addDays(to, 1 - RANKING_DAYS), to);
      const [days, units, services] = await Promise.all([
        readRankingDays(store, range.from, range.to),
        listUnits(store),
        listServices(store),
      ]);
      // The departments that answer a category, and any that did in these days.
      const answering = new Set([
        ...services.map((service) => service.unitId),
        ...days.map((day) => day.unitId),
      ]);
      const departments = units
        .filter((unit) => answering.has(unit.id))
        .map((unit) => ({ unitId: unit.id, name: unit.name }));
      return { status: 200, body: { ...range, units: rankDepartments(departments, days) } };
    },
  }),
});
