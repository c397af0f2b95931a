import {
  CalendarBody,
  CalendarQuery,
  ReminderSettingsBody,
} from '../../shared/contract/settings.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { putCalendar, readCalendars } from '../../shared/store/calendar.ts';
import { getReminderSettings, putReminderSettings } from '../../shared/store/settings.ts';

export const settings = apiRoutes('settings', {
  'GET /settings/reminders': defineRoute({
    responses: { 200: ReminderSettingsBody },
    handle: async (_input, { store }) => ({
      status: 200,
      body: await getReminderSettings(store, { fresh: true }),
    }),
  }),
  'PUT /settings/reminders': defineRoute({
    body: ReminderSettingsBody,
    responses: { 200: ReminderSettingsBody },
    handle: async ({ body, principal, now }, { store }) => ({
      status: 200,
      body: await putReminderSettings(
        store,
        body,
        auditEntry('settings.reminders', auditTarget.reminderSettings(), principal, now, body),
      ),
    }),
  }),

  'GET /calendar': defineRoute({
    query: CalendarQuery,
    responses: { 200: CalendarBody },
    handle: async ({ query }, { store }) => {
      const [calendar] = await readCalendars(store, [query.year]);
      return { status: 200, body: calendar ?? { year: query.year, holidays: [], workdays: [] } };
    },
  }),
  'PUT /calendar': defineRoute({
    body: CalendarBody,
    responses: { 200: CalendarBody },
    handle: async ({ body, principal, now }, { store }) => {
      const calendar = {
        year: body.year,
        holidays: [...new Set(body.holidays)].sort(),
        workdays: [...new Set(body.workdays)].sort(),
      };
      await putCalendar(
        store,
        calendar,
        auditEntry('calendar.put', auditTarget.calendar(body.year), principal, now, {
          holidays: calendar.holidays.length,
          workdays: calendar.workdays.length,
        }),
      );
      return { status: 200, body: calendar };
    },
  }),
});
