import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { ReminderSettings } from '../../../lib/api-types.ts';

export const reminderSettingsQuery = queryOptions({
  queryKey: ['reminder-settings'],
  queryFn: () => api<ReminderSettings>('GET', '/settings/reminders'),
});

export function useSaveReminderSettings() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (settings: ReminderSettings) =>
      api<ReminderSettings>('PUT', '/settings/reminders', settings),
    onSuccess: (saved) => {
      queries.setQueryData(['reminder-settings'], saved);
    },
  });
}
