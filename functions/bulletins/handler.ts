import { ulid } from 'ulid';
import {
  BulletinBody,
  BulletinPage,
  BulletinQuery,
  BulletinView,
  ReceptionQuery,
  ReceptionTableView,
} from '../../shared/contract/bulletins.ts';
import { IdParams } from '../../shared/contract/common.ts';
import { newBulletin, type Bulletin } from '../../shared/domain/bulletins.ts';
import { bulletinRange, receptionTable } from '../../shared/domain/reception.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { createBulletin, listBulletins, readBulletin } from '../../shared/store/bulletins.ts';
import type { Store } from '../../shared/store/context.ts';
import { readReception } from '../../shared/store/reception.ts';
import { listUnits } from '../../shared/store/units.ts';
import { receptionCsv } from './exports.ts';

/** Every unit's figures for the range, from the units' day counters: never the receipts. */
async function receptionFor(store: Store, from: string, to: string) {
  const range = bulletinRange(from, to);
  const [units, { days }] = await Promise.all([
    listUnits(store),
    readReception(store, range.from, range.to),
  ]);
  return receptionTable(units, days);
}

/** A bulletin as every unit reads it: all but who published it (the audit record names them). */
const bulletinView = ({ publishedBySub: _sub, ...view }: Bulletin) => view;

const summary = ({ id, title, from, to, publishedAt }: Bulletin) => ({
  id,
  title,
  from,
  to,
  publishedAt,
});

export const bulletins = apiRoutes('bulletins', {
  'GET /bulletins/reception': defineRoute({
    query: ReceptionQuery,
    responses: { 200: ReceptionTableView },
    handle: async ({ query }, { store }) => {
      const units = await receptionFor(store, query.from, query.to);
      const name = `接收情况_${query.from}_${query.to}`;
      if (query.format === 'csv')
        return {
          status: 200,
          file: {
            name: `${name}.csv`,
            contentType: 'text/csv; charset=utf-8',
            bytes: receptionCsv(units),
          },
        };
      if (query.format === 'xlsx') {
        // The workbook library is loaded only by the export that needs it.
        const { receptionXlsx } = await import('./xlsx.ts');
        return {
          status: 200,
          file: {
            name: `${name}.xlsx`,
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            bytes: await receptionXlsx(units, { from: query.from, to: query.to }),
          },
        };
      }
      return { status: 200, body: { from: query.from, to: query.to, units } };
    },
  }),

  'POST /bulletins': defineRoute({
    body: BulletinBody,
    responses: { 201: BulletinView },
    handle: async ({ body, principal, now }, { store }) => {
      const units = await receptionFor(store, body.from, body.to);
      const { bulletin, audit } = newBulletin(body, units, principal, {
        id: ulid(now.getTime()),
        now,
      });
      await createBulletin(store, bulletin, audit);
      return { status: 201, body: bulletinView(bulletin) };
    },
  }),

  'GET /bulletins': defineRoute({
    query: BulletinQuery,
    responses: { 200: BulletinPage },
    handle: async ({ query }, { store }) => {
      const page = await listBulletins(store, query.cursor);
      return { status: 200, body: { ...page, items: page.items.map(summary) } };
    },
  }),

  'GET /bulletins/{id}': defineRoute({
    params: IdParams,
    responses: { 200: BulletinView },
    handle: async ({ params }, { store }) => {
      const bulletin = await readBulletin(store, params.id);
      if (!bulletin) throw new NotFoundError('通报不存在');
      return { status: 200, body: bulletinView(bulletin) };
    },
  }),
});
