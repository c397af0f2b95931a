import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  DutyChange,
  DutyView,
  NewPhone,
  OnDutyView,
  PhoneRequest,
  PhoneRequestList,
  PhoneView,
  UnitPhones,
} from '../../../lib/api-types.ts';

export const phonesQuery = (unitId: string) =>
  queryOptions({
    queryKey: ['phones', unitId],
    queryFn: () => api<UnitPhones>('GET', `/units/${unitId}/phones`),
  });

/** The roster as saved: each shift by phone id, numbers masked but for the district administrator. */
export const dutyQuery = (unitId: string) =>
  queryOptions({
    queryKey: ['phones', unitId, 'duty'],
    queryFn: () => api<DutyView>('GET', `/units/${unitId}/duty`),
  });

/** Who is on duty now, and whether it is working hours: asked again every minute. */
export const onDutyNowQuery = (unitId: string) =>
  queryOptions({
    queryKey: ['phones', unitId, 'on-duty'],
    queryFn: () =>
      api<OnDutyView>(
        'GET',
        `/units/${unitId}/duty?at=${encodeURIComponent(new Date().toISOString())}`,
      ),
    refetchInterval: 60_000,
  });

function usePhoneChange<V, T>(run: (variables: V) => Promise<T>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['phones'] }),
        queries.invalidateQueries({ queryKey: ['phone-requests'] }),
      ]),
  });
}

/** The district administrator registers (a code is texted); a unit admin asks for it (202). */
export const useAddPhone = () =>
  usePhoneChange(({ unitId, phone }: { unitId: string; phone: NewPhone }) =>
    api<(PhoneView & { codeSent: boolean }) | PhoneRequest>(
      'POST',
      `/units/${unitId}/phones`,
      phone,
    ),
  );

/** By the phone's id: a unit admin sees the number masked. */
export const useVerifyPhone = () =>
  usePhoneChange(({ unitId, phoneId, code }: { unitId: string; phoneId: string; code: string }) =>
    api<PhoneView>('POST', `/units/${unitId}/phones/${phoneId}/verify`, { code }),
  );

export const useRetirePhone = () =>
  usePhoneChange(({ unitId, phoneId }: { unitId: string; phoneId: string }) =>
    api<unknown>('DELETE', `/units/${unitId}/phones/${phoneId}`),
  );

export const usePutDuty = () =>
  usePhoneChange(({ unitId, duty }: { unitId: string; duty: DutyChange }) =>
    api<DutyView>('PUT', `/units/${unitId}/duty`, duty),
  );

export const phoneRequestsQuery = queryOptions({
  queryKey: ['phone-requests'],
  queryFn: () => api<PhoneRequestList>('GET', '/phone-requests'),
});

export const useDecideRequest = () =>
  usePhoneChange(({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
    api<PhoneRequest>('POST', `/phone-requests/${id}/${decision}`),
  );
