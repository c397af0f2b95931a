import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type {
  DutyEntries,
  NewPhone,
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

const encoded = (phone: string) => encodeURIComponent(phone);

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

export const useVerifyPhone = () =>
  usePhoneChange(({ unitId, phone, code }: { unitId: string; phone: string; code: string }) =>
    api<PhoneView>('POST', `/units/${unitId}/phones/${encoded(phone)}/verify`, { code }),
  );

export const useRetirePhone = () =>
  usePhoneChange(({ unitId, phone }: { unitId: string; phone: string }) =>
    api<unknown>('DELETE', `/units/${unitId}/phones/${encoded(phone)}`),
  );

export const usePutDuty = () =>
  usePhoneChange(({ unitId, duty }: { unitId: string; duty: DutyEntries }) =>
    api<unknown>('PUT', `/units/${unitId}/duty`, duty),
  );

export const phoneRequestsQuery = queryOptions({
  queryKey: ['phone-requests'],
  queryFn: () => api<PhoneRequestList>('GET', '/phone-requests'),
});

export const useDecideRequest = () =>
  usePhoneChange(({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
    api<PhoneRequest>('POST', `/phone-requests/${id}/${decision}`),
  );
