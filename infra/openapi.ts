import { handler as accounts } from '../functions/accounts/handler.ts';
import { handler as attachments } from '../functions/attachments/handler.ts';
import { handler as upward } from '../functions/upward/handler.ts';
import { handler as bulletins } from '../functions/bulletins/handler.ts';
import { handler as audit } from '../functions/audit/handler.ts';
import { handler as board } from '../functions/board/handler.ts';
import { handler as dispatch } from '../functions/dispatch/handler.ts';
import { handler as phones } from '../functions/phones/handler.ts';
import { handler as receipts } from '../functions/receipts/handler.ts';
import { handler as reports } from '../functions/reports/handler.ts';
import { handler as settings } from '../functions/settings/handler.ts';
import { handler as units } from '../functions/units/handler.ts';
import { buildOpenApi } from '../shared/http/openapi.ts';
import type { FunctionName } from '../shared/routes.ts';

/** Every API function's route definitions: what the OpenAPI document is built from, at synth and locally. */
export const API_HANDLERS: Record<FunctionName, { routes: Parameters<typeof buildOpenApi>[0] }> = {
  units,
  dispatch,
  receipts,
  phones,
  settings,
  reports,
  board,
  accounts,
  attachments,
  upward,
  bulletins,
  audit,
};

export const openApiDocument = (version = '1') =>
  buildOpenApi(
    Object.assign(
      {},
      ...Object.values(API_HANDLERS).map((handler) => handler.routes),
    ) as Parameters<typeof buildOpenApi>[0],
    version,
  );
