import {
  AccountList,
  AccountParams,
  AccountView,
  CreateAccountBody,
} from '../../shared/contract/accounts.ts';
import { UnitParams } from '../../shared/contract/units.ts';
import { accountSwitch, mayList, newAccount } from '../../shared/domain/accounts.ts';
import { signsInByPhone } from '../../shared/domain/phoneRegistry.ts';
import { ForbiddenError, ValidationError } from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { appendAudit } from '../../shared/store/audit.ts';
import { getPhone } from '../../shared/store/phones.ts';
import { getUnit } from '../../shared/store/units.ts';

/** Disable or enable: the same rule both ways, and the directory does it. */
const switchAccount = (enabled: boolean) =>
  defineRoute({
    params: AccountParams,
    responses: { 200: AccountView },
    handle: async ({ params, principal, now }, { store, directory }) => {
      const found = await directory.getAccount(params.username);
      const { account, audit } = accountSwitch(found, params.unitId, enabled, principal, now);
      await directory.setEnabled(account.username, enabled);
      await appendAudit(store, audit);
      return { status: 200, body: account };
    },
  });

export const accounts = apiRoutes('accounts', {
  'GET /units/{unitId}/accounts': defineRoute({
    params: UnitParams,
    responses: { 200: AccountList },
    handle: async ({ params, principal }, { directory }) => {
      if (!mayList(principal, params.unitId)) throw new ForbiddenError('无权查看这个单位的账号');
      return { status: 200, body: { items: await directory.listAccounts(params.unitId) } };
    },
  }),

  'POST /units/{unitId}/accounts': defineRoute({
    params: UnitParams,
    body: CreateAccountBody,
    responses: { 201: AccountView },
    handle: async ({ params, body, principal, now }, { store, directory }) => {
      const { account, audit } = newAccount({ ...body, unitId: params.unitId }, principal, now);
      if (!(await getUnit(store, params.unitId))) {
        throw new ValidationError('单位不存在', [
          { field: 'path.unitId', message: `单位“${params.unitId}”不存在` },
        ]);
      }
      await directory.createAccount(account);
      // Art14: its unit's verified number signs it in by SMS code too (a new account may not otherwise).
      if (
        account.phone &&
        signsInByPhone(account.unitId, await getPhone(store, account.unitId, account.phone))
      )
        await directory.setPhoneSignIn(account.username, true);
      await appendAudit(store, audit);
      const { username, name, group, unitId } = account;
      return { status: 201, body: { username, name, group, unitId, enabled: true } };
    },
  }),

  'POST /units/{unitId}/accounts/{username}/disable': switchAccount(false),
  'POST /units/{unitId}/accounts/{username}/enable': switchAccount(true),
});
