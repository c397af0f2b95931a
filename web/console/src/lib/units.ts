import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import type { UnitList } from './api-types.ts';

/** Every unit of the district: names for ids, everywhere in the console. Changes rarely. */
export const unitsQuery = queryOptions({
  queryKey: ['units'],
  queryFn: () => api<UnitList>('GET', '/units'),
  staleTime: 10 * 60_000,
});

export function useUnitNames(): (unitId: string) => string {
  const { data } = useQuery(unitsQuery);
  const names = new Map((data?.items ?? []).map((unit) => [unit.id, unit.name]));
  return (unitId) => names.get(unitId) ?? unitId;
}
