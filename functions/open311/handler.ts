import {
  Open311Created,
  Open311RequestBody,
  Open311Requests,
  Open311RequestsQuery,
  Open311Services,
  Open311ServiceDefinition,
  RequestFileParams,
  ServiceFileParams,
} from '../../shared/contract/open311.ts';
import { photoKey } from '../../shared/aws/objectKeys.ts';
import type { BoardEntry } from '../../shared/domain/citizenBoard.ts';
import { isReportOpen } from '../../shared/domain/workOrders.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import type { Platform } from '../../shared/platform.ts';
import { getBoardEntries, listBoard } from '../../shared/store/citizenBoard.ts';
import { listServices } from '../../shared/store/reportCategories.ts';
import { listUnits } from '../../shared/store/units.ts';
import { submitReport } from '../reports/submitReport.ts';

/**
 * Open311 GeoReport v2 (API.md v1.2): the city's 12345 platform, or any
 * Open311 client, lists our categories, files work orders and reads the
 * published ones. The same limits and privacy as `/public/*`: only what
 * the board shows is readable, and nothing locates a report.
 */

/** The most requests one GET returns (the specification leaves it to the server). */
const MAX_REQUESTS = 100;

const fileName = (file: string) => file.slice(0, -'.json'.length);

async function services(store: Platform['store']) {
  return (await listServices(store))
    .filter((service) => service.active)
    .map((service) => ({
      service_code: service.code,
      service_name: service.name,
      description: service.name,
      metadata: false,
      type: 'realtime' as const,
      keywords: '',
      group: service.column,
    }));
}

/** A published report as a GeoReport service request: its public updates, masked, its first checked photo. */
async function requestsOf(entries: BoardEntry[], { store, uploads }: Platform) {
  const [categories, units] = await Promise.all([listServices(store), listUnits(store)]);
  const category = new Map(categories.map((service) => [service.code, service]));
  const unitName = new Map(units.map((unit) => [unit.id, unit.name]));
  return Promise.all(
    entries.map(async (entry) => {
      const service = category.get(entry.serviceCode);
      const last = entry.updates.at(-1);
      const notes = entry.updates.filter((update) => update.reply).at(-1);
      const photo = entry.photos[0];
      return {
        service_request_id: entry.id,
        status: isReportOpen(entry) || entry.status === 'returned' ? 'open' : 'closed',
        ...(notes?.reply ? { status_notes: notes.reply } : {}),
        service_name: service?.name ?? entry.serviceCode,
        service_code: entry.serviceCode,
        description: entry.description,
        agency_responsible: unitName.get(service?.unitId ?? '') ?? '',
        ...(entry.number ? { service_notice: `受理编号 ${entry.number}` } : {}),
        requested_datetime: entry.createdAt,
        updated_datetime: last?.at ?? entry.createdAt,
        ...(photo !== undefined
          ? { media_url: await uploads.link(photoKey(entry.id, photo)) }
          : {}),
      } as const;
    }),
  );
}

export const open311 = apiRoutes('open311', {
  'GET /open311/v2/services.json': defineRoute({
    responses: { 200: Open311Services },
    handle: async (_input, { store }) => ({ status: 200, body: await services(store) }),
  }),

  'GET /open311/v2/services/{file}': defineRoute({
    params: ServiceFileParams,
    responses: { 200: Open311ServiceDefinition },
    handle: async ({ params }, { store }) => {
      const code = fileName(params.file);
      if (!(await services(store)).some((service) => service.service_code === code))
        throw new NotFoundError('没有这个服务类别');
      // No extra questions (metadata: false): a description and a place are all a report needs.
      return { status: 200, body: { service_code: code, attributes: [] } };
    },
  }),

  'POST /open311/v2/requests.json': defineRoute({
    body: Open311RequestBody,
    responses: { 201: Open311Created },
    handle: async ({ body, principal, now }, { store }) => {
      const { report } = await submitReport(
        store,
        {
          serviceCode: body.service_code,
          description: body.description,
          lat: body.lat,
          lng: body.long,
          address: body.address_string,
          photos: [],
        },
        principal,
        now,
      );
      return {
        status: 201,
        body: [
          { service_request_id: report.id, service_notice: `受理编号 ${report.number ?? ''}` },
        ],
      };
    },
  }),

  'GET /open311/v2/requests.json': defineRoute({
    query: Open311RequestsQuery,
    responses: { 200: Open311Requests },
    handle: async ({ query }, platform) => {
      const entries = query.service_request_id
        ? await getBoardEntries(platform.store, query.service_request_id.split(','))
        : (await listBoard(platform.store, undefined, MAX_REQUESTS)).items;
      const requests = (await requestsOf(entries, platform)).filter(
        (request) =>
          (!query.service_code || request.service_code === query.service_code) &&
          (!query.status || request.status === query.status) &&
          (!query.start_date ||
            request.requested_datetime >= new Date(query.start_date).toISOString()) &&
          (!query.end_date || request.requested_datetime <= new Date(query.end_date).toISOString()),
      );
      return { status: 200, body: requests };
    },
  }),

  'GET /open311/v2/requests/{file}': defineRoute({
    params: RequestFileParams,
    responses: { 200: Open311Requests },
    handle: async ({ params }, platform) => {
      const entries = await getBoardEntries(platform.store, [fileName(params.file)]);
      if (entries.length === 0) throw new NotFoundError('没有这件公开的诉求');
      return { status: 200, body: await requestsOf(entries, platform) };
    },
  }),
});
