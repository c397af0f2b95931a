import * as z from 'zod/mini';
import { ServiceCode, Text } from './common.ts';

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2), so that the
 * city's 12345 platform or any Open311 client exchanges work orders with
 * us: field names as the specification spells them. A file in a path is
 * `{code}.json` or `{id}.json` (API Gateway takes a whole path segment).
 */
export const ServiceFileParams = z.object({
  file: z.string().check(z.regex(/^[a-z0-9-]{2,40}\.json$/, '应为 服务代码.json')),
});
export const RequestFileParams = z.object({
  file: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}\.json$/, '应为 编号.json')),
});

/** A new service request, form-encoded as the specification says: no photos, no account. */
export const Open311RequestBody = z.object({
  service_code: ServiceCode,
  lat: z.coerce.number().check(z.gte(-90), z.lte(90)),
  long: z.coerce.number().check(z.gte(-180), z.lte(180)),
  description: Text(2000),
  address_string: z.optional(Text(200)),
  // Named by the specification and accepted, but not kept: a citizen's report is anonymous here.
  api_key: z.optional(z.string().check(z.maxLength(200))),
  device_id: z.optional(z.string().check(z.maxLength(200))),
});

export const Open311RequestsQuery = z.object({
  service_request_id: z.optional(
    z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}(,[0-9A-HJKMNP-TV-Z]{26}){0,49}$/)),
  ),
  service_code: z.optional(ServiceCode),
  status: z.optional(z.enum(['open', 'closed'])),
  start_date: z.optional(z.iso.datetime({ offset: true })),
  end_date: z.optional(z.iso.datetime({ offset: true })),
});

const Open311ServiceItem = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});
export const Open311Services = z.array(Open311ServiceItem);
export const Open311ServiceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(z.never()),
});
const Open311RequestItem = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.optional(z.string()),
  service_name: z.string(),
  service_code: z.string(),
  description: z.string(),
  agency_responsible: z.string(),
  service_notice: z.optional(z.string()),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  media_url: z.optional(z.string()),
});
export const Open311Requests = z.array(Open311RequestItem);
export const Open311Created = z.array(
  z.object({ service_request_id: z.string(), service_notice: z.string() }),
);
