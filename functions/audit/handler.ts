import { AuditPage, AuditQuery } from '../../shared/contract/audit.ts';
import { ValidationError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { searchAudit } from '../../shared/store/auditSearch.ts';

const DAY_MS = 86_400_000;
/** Without `from`, the search looks back this far; a range spans a year at most. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

export const audit = apiRoutes('audit', {
  'GET /audit': defineRoute({
    query: AuditQuery,
    responses: { 200: AuditPage },
    handle: async ({ query, now }, { store }) => {
      const to = new Date(query.to ?? now.toISOString());
      const from = new Date(query.from ?? to.getTime() - DEFAULT_DAYS * DAY_MS);
      if (from > to)
        throw new ValidationError('结束日期早于开始日期', [
          { field: 'query.to', message: '不能早于开始日期' },
        ]);
      if (to.getTime() - from.getTime() > MAX_DAYS * DAY_MS)
        throw new ValidationError(`查询跨度最多 ${MAX_DAYS} 天`, [
          { field: 'query.from', message: `最多在结束日期前 ${MAX_DAYS} 天` },
        ]);
      const page = await searchAudit(
        store,
        {
          target: query.target,
          actor: query.actor,
          from: from.toISOString(),
          to: to.toISOString(),
        },
        { cursor: query.cursor },
      );
      return { status: 200, body: page };
    },
  }),
});
