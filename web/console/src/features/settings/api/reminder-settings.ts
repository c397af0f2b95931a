import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import type { DistrictCalendar, ReminderSettings } from '../../../lib/api-types.ts';

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

/** The district calendar of a year: holidays, and weekend days worked instead (调休). */
export const calendarQuery = (year: number) =>
  queryOptions({
    queryKey: ['calendar', year],
    queryFn: () => api<DistrictCalendar>('GET', `/calendar?year=${year}`),
  });

export function useSaveCalendar() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (calendar: DistrictCalendar) => api<DistrictCalendar>('PUT', '/calendar', calendar),
    onSuccess: (saved) => {
      queries.setQueryData(['calendar', saved.year], saved);
    },
  });
}
