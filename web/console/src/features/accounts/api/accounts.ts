import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { Account, AccountList, NewAccount } from '../../../lib/api-types.ts';

export const accountsQuery = (unitId: string) =>
  queryOptions({
    queryKey: ['accounts', unitId],
    queryFn: () => api<AccountList>('GET', `/units/${unitId}/accounts`),
  });

function useAccountChange<V>(run: (variables: V) => Promise<Account>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queries.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export const useCreateAccount = () =>
  useAccountChange(({ unitId, account }: { unitId: string; account: NewAccount }) =>
    api<Account>('POST', `/units/${unitId}/accounts`, account),
  );

export const useSwitchAccount = () =>
  useAccountChange(
    ({ unitId, username, enabled }: { unitId: string; username: string; enabled: boolean }) =>
      api<Account>(
        'POST',
        `/units/${unitId}/accounts/${username}/${enabled ? 'enable' : 'disable'}`,
      ),
  );
