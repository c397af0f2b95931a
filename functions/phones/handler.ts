import { IdParams } from '../../shared/contract/common.ts';
import {
  DecidedPhoneRequest,
  DutyAnswer,
  DutyBody,
  DutyQuery,
  DutyView,
  PhoneBody,
  PhoneRequestList,
  PhoneRequestView,
  PhoneView,
  RegisteredPhoneView,
  RetiredPhone,
  UnitPhoneParams,
  UnitPhones,
  VerifyBody,
} from '../../shared/contract/phones.ts';
import { UnitParams } from '../../shared/contract/units.ts';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { calendarYearsOf, inWorkingHours } from '../../shared/domain/duty.ts';
import {
  canManageUnitPhones,
  newPhoneRequest,
  newRegisteredPhone,
  phoneChangeRoute,
  requestedChange,
  resolveRoster,
  signsInByPhone,
  verificationAttempt,
  type PhoneChange,
  type PhoneRequest,
  type RegisteredPhone,
} from '../../shared/domain/phoneRegistry.ts';
import { maskPhone } from '../../shared/domain/phones.ts';
import type { Principal } from '../../shared/domain/principal.ts';
import { verificationCodeSms } from '../../shared/domain/smsTemplates.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../shared/errors.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { dutyView, onDutyView, phoneRequestView, phoneView } from '../../shared/http/views.ts';
import { logger } from '../../shared/observability/logger.ts';
import type { Platform } from '../../shared/platform.ts';
import { auditPut, type TransactItem } from '../../shared/store/audit.ts';
import { readCalendars } from '../../shared/store/calendar.ts';
import type { Store } from '../../shared/store/context.ts';
import {
  createPhoneRequest,
  getPhone,
  getPhoneById,
  getPhoneRequest,
  listPendingPhoneRequests,
  phoneRequestDecision,
  putDutyRoster,
  readUnitPhones,
  registerPhone,
  rejectPhoneRequest,
  retirePhone,
  updateVerification,
} from '../../shared/store/phones.ts';
import { getReminderSettings } from '../../shared/store/settings.ts';
import { getUnit } from '../../shared/store/units.ts';

async function authorizeUnit(store: Store, principal: Principal, unitId: string): Promise<void> {
  if (!canManageUnitPhones(principal, unitId))
    throw new ForbiddenError('只有区系统管理员或本单位管理员可以管理提醒手机');
  if (!(await getUnit(store, unitId))) throw new NotFoundError(`单位“${unitId}”不存在`);
}

/**
 * Registers a number unverified, with anything else that must be written
 * with it (an approved request), and only then texts it a code: it receives
 * reminders only once verified; registering it again sends a new code.
 */
async function register(
  { store, sms, phoneCodeKey }: Platform,
  unitId: string,
  change: Extract<PhoneChange, { action: 'add' }>,
  actor: Principal,
  now: Date,
  alsoWrite: TransactItem[] = [],
) {
  const { phone, code } = newRegisteredPhone(unitId, change, now, await phoneCodeKey());
  const audit = auditEntry('phone.register', auditTarget.unit(unitId), actor, now, {
    phone: maskPhone(phone.phone),
  });
  await registerPhone(store, phone, audit, alsoWrite);
  const codeSent = await sms.send(phone.phone, verificationCodeSms(code)).then(
    () => true,
    (error: unknown) => {
      logger.warn('verification code not sent', {
        phone: maskPhone(phone.phone),
        error: (error as Error).name,
      });
      return false;
    },
  );
  return { phone, codeSent };
}

/**
 * Art14: the accounts whose phone is this number may sign in with a code
 * texted to it exactly while it is their unit's verified number.
 */
async function settlePhoneSignIn(
  { directory }: Platform,
  phone: string,
  registered: RegisteredPhone | undefined,
) {
  for (const account of await directory.accountsWithPhone(phone))
    await directory.setPhoneSignIn(account.username, signsInByPhone(account.unitId, registered));
}

async function retire(
  platform: Platform,
  unitId: string,
  phone: string,
  actor: Principal,
  now: Date,
  alsoWrite: TransactItem[] = [],
) {
  const audit = auditEntry('phone.retire', auditTarget.unit(unitId), actor, now, {
    phone: maskPhone(phone),
  });
  // Phone sign-in ends first: should the retirement then fail, the number signs nobody in.
  await settlePhoneSignIn(platform, phone, undefined);
  await retirePhone(platform.store, unitId, phone, now.toISOString(), audit, alsoWrite);
  return { unitId, phone, status: 'retired' as const };
}

/** A unit admin's change waits for the district administrator's decision (Art14). */
async function request(
  store: Store,
  unitId: string,
  change: PhoneChange,
  principal: Principal,
  now: Date,
) {
  const { request: asked, audit } = newPhoneRequest(unitId, change, principal, now);
  await createPhoneRequest(store, asked, audit);
  return { status: 202 as const, body: phoneRequestView(principal, asked) };
}

/** The unit's phone a path names, by id or by number; 404 when the unit has none such. */
async function namedPhone(store: Store, unitId: string, ref: string) {
  const phone = ref.startsWith('+')
    ? await getPhone(store, unitId, ref)
    : await getPhoneById(store, unitId, ref);
  if (!phone) throw new NotFoundError('本单位没有登记这个号码');
  return phone;
}

async function pendingRequest(store: Store, id: string): Promise<PhoneRequest> {
  const request = await getPhoneRequest(store, id);
  if (!request) throw new NotFoundError('申请不存在');
  if (request.status !== 'pending') throw new ConflictError('这个申请已经处理过了');
  return request;
}

const decided = (
  request: PhoneRequest,
  status: 'approved' | 'rejected',
  actor: Principal,
  now: Date,
) => ({
  request: { ...request, status, decidedBy: actor.sub, decidedAt: now.toISOString() },
  audit: auditEntry(
    `phone.request.${status === 'approved' ? 'approve' : 'reject'}`,
    auditTarget.unit(request.unitId),
    actor,
    now,
    {
      requestId: request.id,
      action: request.action,
      phone: maskPhone(request.phone),
    },
  ),
});

export const phones = apiRoutes('phones', {
  'GET /units/{unitId}/phones': defineRoute({
    params: UnitParams,
    responses: { 200: UnitPhones },
    handle: async ({ params, principal }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      const { phones: registered, roster } = await readUnitPhones(store, params.unitId);
      return {
        status: 200,
        body: {
          items: registered.map((phone) => phoneView(principal, phone)),
          duty: dutyView(principal, params.unitId, roster, registered).entries,
        },
      };
    },
  }),

  'POST /units/{unitId}/phones': defineRoute({
    params: UnitParams,
    body: PhoneBody,
    responses: { 201: RegisteredPhoneView, 202: PhoneRequestView },
    handle: async ({ params, body, principal, now }, platform) => {
      await authorizeUnit(platform.store, principal, params.unitId);
      const change = { action: 'add' as const, ...body };
      if (phoneChangeRoute(principal) === 'request')
        return request(platform.store, params.unitId, change, principal, now);
      const { phone, codeSent } = await register(platform, params.unitId, change, principal, now);
      return { status: 201, body: { ...phoneView(principal, phone), codeSent } };
    },
  }),

  'POST /units/{unitId}/phones/{phone}/verify': defineRoute({
    params: UnitPhoneParams,
    body: VerifyBody,
    responses: { 200: PhoneView },
    handle: async ({ params, body, principal, now }, platform) => {
      const { store, phoneCodeKey } = platform;
      await authorizeUnit(store, principal, params.unitId);
      const phone = await namedPhone(store, params.unitId, params.phone);
      const attempt = verificationAttempt(phone, body.code, now, await phoneCodeKey());
      // A wrong code is audited too: guessing shows in the log.
      const audit = auditEntry(
        attempt.verified ? 'phone.verify' : 'phone.verify.failed',
        auditTarget.unit(params.unitId),
        principal,
        now,
        { phone: maskPhone(phone.phone) },
      );
      await updateVerification(store, phone, attempt.set, audit);
      if (!attempt.verified) {
        throw new ValidationError('验证码错误', [
          {
            field: 'body.code',
            message: `验证码错误，还可再试 ${attempt.set.verification?.triesLeft ?? 0} 次`,
          },
        ]);
      }
      const verified = { ...phone, ...attempt.set };
      await settlePhoneSignIn(platform, phone.phone, verified);
      return { status: 200, body: phoneView(principal, verified) };
    },
  }),

  'DELETE /units/{unitId}/phones/{phone}': defineRoute({
    params: UnitPhoneParams,
    responses: { 200: RetiredPhone, 202: PhoneRequestView },
    handle: async ({ params, principal, now }, platform) => {
      await authorizeUnit(platform.store, principal, params.unitId);
      const { phone } = await namedPhone(platform.store, params.unitId, params.phone);
      const change = { action: 'retire' as const, phone };
      if (phoneChangeRoute(principal) === 'request')
        return request(platform.store, params.unitId, change, principal, now);
      return {
        status: 200,
        body: await retire(platform, params.unitId, phone, principal, now),
      };
    },
  }),

  'GET /phone-requests': defineRoute({
    responses: { 200: PhoneRequestList },
    handle: async ({ principal }, { store }) => ({
      status: 200,
      body: {
        items: (await listPendingPhoneRequests(store)).map((request) =>
          phoneRequestView(principal, request),
        ),
      },
    }),
  }),

  'POST /phone-requests/{id}/approve': defineRoute({
    params: IdParams,
    responses: { 200: DecidedPhoneRequest },
    handle: async ({ params, principal, now }, platform) => {
      const request = await pendingRequest(platform.store, params.id);
      const approval = decided(request, 'approved', principal, now);
      // The decision, the change it approves and both audit records: one transaction, so an
      // approval racing a rejection either applies whole or not at all (and texts no code).
      const alsoWrite = [
        phoneRequestDecision(
          platform.store,
          request.id,
          'approved',
          principal.sub,
          now.toISOString(),
        ),
        auditPut(platform.store, approval.audit),
      ];
      const change = requestedChange(request);
      const applied =
        change.action === 'add'
          ? {
              codeSent: (
                await register(platform, request.unitId, change, principal, now, alsoWrite)
              ).codeSent,
            }
          : (await retire(platform, request.unitId, change.phone, principal, now, alsoWrite), {});
      return {
        status: 200,
        body: { ...phoneRequestView(principal, approval.request), ...applied },
      };
    },
  }),

  'POST /phone-requests/{id}/reject': defineRoute({
    params: IdParams,
    responses: { 200: PhoneRequestView },
    handle: async ({ params, principal, now }, { store }) => {
      const request = await pendingRequest(store, params.id);
      const rejection = decided(request, 'rejected', principal, now);
      await rejectPhoneRequest(
        store,
        request.id,
        principal.sub,
        now.toISOString(),
        rejection.audit,
      );
      return { status: 200, body: phoneRequestView(principal, rejection.request) };
    },
  }),

  'GET /units/{unitId}/duty': defineRoute({
    params: UnitParams,
    query: DutyQuery,
    responses: { 200: DutyAnswer },
    handle: async ({ params, query, principal }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      const { phones: registered, roster } = await readUnitPhones(store, params.unitId);
      if (!query.at)
        return { status: 200, body: dutyView(principal, params.unitId, roster, registered) };
      const at = new Date(query.at);
      const [settings, calendars] = await Promise.all([
        getReminderSettings(store),
        readCalendars(store, calendarYearsOf(at)),
      ]);
      const atWork = inWorkingHours(at, settings.workingHours, calendars);
      return { status: 200, body: onDutyView(principal, at, atWork, roster, registered) };
    },
  }),

  'PUT /units/{unitId}/duty': defineRoute({
    params: UnitParams,
    body: DutyBody,
    responses: { 200: DutyView },
    handle: async ({ params, body, principal, now }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      const { phones: registered } = await readUnitPhones(store, params.unitId);
      const roster = resolveRoster(body, registered);
      await putDutyRoster(
        store,
        params.unitId,
        roster,
        auditEntry('duty.update', auditTarget.unit(params.unitId), principal, now, {
          entries: roster.entries.length,
          weekly: roster.weekly.length,
        }),
      );
      return { status: 200, body: dutyView(principal, params.unitId, roster, registered) };
    },
  }),
});
