import { API_FUNCTIONS } from '../functions/apiFunctions.ts';
import { buildOpenApi } from '../shared/http/openapi.ts';

/** The OpenAPI document of every API function's routes, at synth and locally. */
export const openApiDocument = (version = '1') =>
  buildOpenApi(
    Object.assign(
      {},
      ...Object.values(API_FUNCTIONS).map((functionRoutes) => functionRoutes.routes),
    ) as Parameters<typeof buildOpenApi>[0],
    version,
  );
