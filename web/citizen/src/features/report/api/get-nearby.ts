import { queryOptions } from '@tanstack/react-query';
import { call } from '../../../lib/api.ts';
import type { NearbyList } from '../../../lib/api-types.ts';

/** Someone nearby already reported this: published reports of the category within 50 m, the rest counted. */
export const nearbyQuery = (serviceCode: string, lat: number, lng: number) =>
  queryOptions({
    queryKey: ['nearby', serviceCode, lat, lng],
    queryFn: () =>
      call<NearbyList>(
        'GET',
        `/public/reports/nearby?${new URLSearchParams({ serviceCode, lat: String(lat), lng: String(lng) }).toString()}`,
      ),
  });
