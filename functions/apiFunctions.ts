import type { FunctionRoutes } from '../shared/http/apiHandler.ts';
import type { FunctionName } from '../shared/routes.ts';
import { accounts } from './accounts/handler.ts';
import { articles } from './articles/handler.ts';
import { attachments } from './attachments/handler.ts';
import { audit } from './audit/handler.ts';
import { board } from './board/handler.ts';
import { bulletins } from './bulletins/handler.ts';
import { dispatch } from './dispatch/handler.ts';
import { open311 } from './open311/handler.ts';
import { phones } from './phones/handler.ts';
import { questions } from './questions/handler.ts';
import { receipts } from './receipts/handler.ts';
import { reports } from './reports/handler.ts';
import { settings } from './settings/handler.ts';
import { units } from './units/handler.ts';
import { upward } from './upward/handler.ts';

/**
 * Every API function's routes, by function: what the local gateway and the
 * tests serve on their platform, and what the OpenAPI document is built
 * from. (In AWS each function's own `lambda.ts` imports only its routes.)
 */
export const API_FUNCTIONS: Record<FunctionName, FunctionRoutes> = {
  units,
  dispatch,
  receipts,
  phones,
  settings,
  reports,
  board,
  open311,
  accounts,
  attachments,
  upward,
  bulletins,
  audit,
  articles,
  questions,
};
