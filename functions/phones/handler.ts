import { ulid } from 'ulid';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { IdParams } from '../../shared/contract/common.ts';
import {
  DecidedPhoneRequest,
  DutyBody,
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
import { maskPhone } from '../../shared/domain/phones.ts';
import {
  canManageUnitPhones,
  checkDutyRoster,
  newVerification,
  seesWholeNumbers,
  verificationAttempt,
  type PhoneRequest,
  type RegisteredPhone,
} from '../../shared/domain/phoneRegistry.ts';
import type { Principal } from '../../shared/domain/principal.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../shared/errors.ts';
import { verificationCodeText } from '../../shared/domain/smsTemplates.ts';
import { apiRoutes, defineRoute } from '../../shared/http/apiHandler.ts';
import { logger } from '../../shared/observability/logger.ts';
import {
  createPhoneRequest,
  phoneRequestDecision,
  rejectPhoneRequest,
  getPhone,
  getPhoneRequest,
  listPendingPhoneRequests,
  putDutyRoster,
  readUnitPhones,
  registerPhone,
  retirePhone,
  updateVerification,
} from '../../shared/store/phones.ts';
import { auditPut, type TransactItem } from '../../shared/store/audit.ts';
import { getUnit } from '../../shared/store/units.ts';
import type { Store } from '../../shared/store/context.ts';
import type { Platform } from '../../shared/platform.ts';

const show = (principal: Principal, phone: string) =>
  seesWholeNumbers(principal) ? phone : maskPhone(phone);
const phoneView = (principal: Principal, { verification: _secret, ...phone }: RegisteredPhone) => ({
  ...phone,
  phone: show(principal, phone.phone),
});
const requestView = (principal: Principal, request: PhoneRequest) => ({
  ...request,
  phone: show(principal, request.phone),
});

async function authorizeUnit(store: Store, principal: Principal, unitId: string): Promise<void> {
  if (!canManageUnitPhones(principal, unitId))
    throw new ForbiddenError('只有区系统管理员或本单位管理员可以管理提醒手机');
  if (!(await getUnit(store, unitId))) throw new NotFoundError(`单位“${unitId}”不存在`);
}

/**
 * Registers the number unverified, with anything else that must be written
 * with it (an approved request), and only then texts it a code: it receives
 * reminders only once verified.
 */
async function registerWithCode(
  { store, sms, phoneCodeKey }: Platform,
  input: { unitId: string; phone: string; holderName: string; remind: boolean },
  actor: Principal,
  now: Date,
  alsoWrite: TransactItem[] = [],
) {
  const { code, verification } = newVerification(input.phone, now, await phoneCodeKey());
  const phone: RegisteredPhone = {
    ...input,
    status: 'unverified',
    addedAt: now.toISOString(),
    verification,
  };
  const audit = auditEntry('phone.register', auditTarget.unit(input.unitId), actor, now, {
    phone: maskPhone(input.phone),
  });
  await registerPhone(store, phone, audit, alsoWrite);
  let codeSent = true;
  try {
    await sms.send(input.phone, verificationCodeText(code));
  } catch (error) {
    // The number stays unverified; registering it again sends a new code.
    codeSent = false;
    logger.warn('verification code not sent', {
      phone: maskPhone(input.phone),
      error: (error as Error).name,
    });
  }
  return { phone, codeSent };
}

async function retire(
  store: Store,
  unitId: string,
  phone: string,
  actor: Principal,
  now: Date,
  alsoWrite: TransactItem[] = [],
) {
  const audit = auditEntry('phone.retire', auditTarget.unit(unitId), actor, now, {
    phone: maskPhone(phone),
  });
  await retirePhone(store, unitId, phone, now.toISOString(), audit, alsoWrite);
}

async function pendingRequest(store: Store, id: string): Promise<PhoneRequest> {
  const request = await getPhoneRequest(store, id);
  if (!request) throw new NotFoundError('申请不存在');
  if (request.status !== 'pending') throw new ConflictError('这个申请已经处理过了');
  return request;
}

const decisionAudit = (
  action: 'phone.request.approve' | 'phone.request.reject',
  request: PhoneRequest,
  actor: Principal,
  now: Date,
) =>
  auditEntry(action, auditTarget.unit(request.unitId), actor, now, {
    requestId: request.id,
    action: request.action,
    phone: maskPhone(request.phone),
  });

const decidedAs = (
  request: PhoneRequest,
  status: 'approved' | 'rejected',
  actor: Principal,
  now: Date,
): PhoneRequest => ({ ...request, status, decidedBy: actor.sub, decidedAt: now.toISOString() });

export const phones = apiRoutes('phones', {
  'GET /units/{unitId}/phones': defineRoute({
    params: UnitParams,
    responses: { 200: UnitPhones },
    handle: async ({ params, principal }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      const { phones, duty } = await readUnitPhones(store, params.unitId);
      return {
        status: 200,
        body: {
          items: phones.map((phone) => phoneView(principal, phone)),
          duty: duty.map((entry) => ({ ...entry, phone: show(principal, entry.phone) })),
        },
      };
    },
  }),

  'POST /units/{unitId}/phones': defineRoute({
    params: UnitParams,
    body: PhoneBody,
    responses: { 201: RegisteredPhoneView, 202: PhoneRequestView },
    handle: async ({ params, body, principal, now }, platform) => {
      const { store } = platform;
      await authorizeUnit(store, principal, params.unitId);
      if (seesWholeNumbers(principal)) {
        const { phone, codeSent } = await registerWithCode(
          platform,
          { unitId: params.unitId, ...body },
          principal,
          now,
        );
        return { status: 201, body: { ...phoneView(principal, phone), codeSent } };
      }
      // Art14: a unit asks the district (区信息中心) to change its numbers.
      const request: PhoneRequest = {
        id: ulid(),
        unitId: params.unitId,
        action: 'add',
        ...body,
        status: 'pending',
        requestedBy: principal.sub,
        requestedAt: now.toISOString(),
      };
      await createPhoneRequest(
        store,
        request,
        auditEntry('phone.request', auditTarget.unit(params.unitId), principal, now, {
          action: 'add',
          phone: maskPhone(body.phone),
        }),
      );
      return { status: 202, body: requestView(principal, request) };
    },
  }),

  'POST /units/{unitId}/phones/{phone}/verify': defineRoute({
    params: UnitPhoneParams,
    body: VerifyBody,
    responses: { 200: PhoneView },
    handle: async ({ params, body, principal, now }, { store, phoneCodeKey }) => {
      await authorizeUnit(store, principal, params.unitId);
      const phone = await getPhone(store, params.unitId, params.phone);
      if (!phone) throw new NotFoundError('本单位没有登记这个号码');
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
      return { status: 200, body: phoneView(principal, { ...phone, ...attempt.set }) };
    },
  }),

  'DELETE /units/{unitId}/phones/{phone}': defineRoute({
    params: UnitPhoneParams,
    responses: { 200: RetiredPhone, 202: PhoneRequestView },
    handle: async ({ params, principal, now }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      if (seesWholeNumbers(principal)) {
        await retire(store, params.unitId, params.phone, principal, now);
        return {
          status: 200,
          body: { unitId: params.unitId, phone: params.phone, status: 'retired' as const },
        };
      }
      if (!(await getPhone(store, params.unitId, params.phone)))
        throw new NotFoundError('本单位没有登记这个号码');
      const request: PhoneRequest = {
        id: ulid(),
        unitId: params.unitId,
        action: 'retire',
        phone: params.phone,
        status: 'pending',
        requestedBy: principal.sub,
        requestedAt: now.toISOString(),
      };
      await createPhoneRequest(
        store,
        request,
        auditEntry('phone.request', auditTarget.unit(params.unitId), principal, now, {
          action: 'retire',
          phone: maskPhone(params.phone),
        }),
      );
      return { status: 202, body: requestView(principal, request) };
    },
  }),

  'GET /phone-requests': defineRoute({
    responses: { 200: PhoneRequestList },
    handle: async ({ principal }, { store }) => ({
      status: 200,
      body: {
        items: (await listPendingPhoneRequests(store)).map((request) =>
          requestView(principal, request),
        ),
      },
    }),
  }),

  'POST /phone-requests/{id}/approve': defineRoute({
    params: IdParams,
    responses: { 200: DecidedPhoneRequest },
    handle: async ({ params, principal, now }, platform) => {
      const { store } = platform;
      const request = await pendingRequest(store, params.id);
      // The decision, the change it approves and both audit records: one transaction, so an
      // approval racing a rejection either applies whole or not at all (and texts no code).
      const decided = [
        phoneRequestDecision(store, request.id, 'approved', principal.sub, now.toISOString()),
        auditPut(store, decisionAudit('phone.request.approve', request, principal, now)),
      ];
      const applied =
        request.action === 'add'
          ? {
              codeSent: (
                await registerWithCode(
                  platform,
                  {
                    unitId: request.unitId,
                    phone: request.phone,
                    holderName: request.holderName ?? '',
                    remind: request.remind ?? false,
                  },
                  principal,
                  now,
                  decided,
                )
              ).codeSent,
            }
          : (await retire(store, request.unitId, request.phone, principal, now, decided), {});
      return {
        status: 200,
        body: {
          ...requestView(principal, decidedAs(request, 'approved', principal, now)),
          ...applied,
        },
      };
    },
  }),

  'POST /phone-requests/{id}/reject': defineRoute({
    params: IdParams,
    responses: { 200: PhoneRequestView },
    handle: async ({ params, principal, now }, { store }) => {
      const request = await pendingRequest(store, params.id);
      const audit = decisionAudit('phone.request.reject', request, principal, now);
      await rejectPhoneRequest(store, request.id, principal.sub, now.toISOString(), audit);
      return {
        status: 200,
        body: requestView(principal, decidedAs(request, 'rejected', principal, now)),
      };
    },
  }),

  'PUT /units/{unitId}/duty': defineRoute({
    params: UnitParams,
    body: DutyBody,
    responses: { 200: DutyView },
    handle: async ({ params, body, principal, now }, { store }) => {
      await authorizeUnit(store, principal, params.unitId);
      const entries = body.entries.map((entry) => ({
        phone: entry.phone,
        from: new Date(entry.from).toISOString(),
        to: new Date(entry.to).toISOString(),
      }));
      checkDutyRoster(entries, (await readUnitPhones(store, params.unitId)).phones);
      await putDutyRoster(
        store,
        params.unitId,
        entries,
        auditEntry('duty.update', auditTarget.unit(params.unitId), principal, now, {
          entries: entries.length,
        }),
      );
      return {
        status: 200,
        body: {
          unitId: params.unitId,
          entries: entries.map((entry) => ({ ...entry, phone: show(principal, entry.phone) })),
        },
      };
    },
  }),
});
