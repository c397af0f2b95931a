import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { auditEntry, auditTarget } from '../../shared/domain/audit.ts';
import { logger } from '../../shared/observability/logger.ts';
import { recordMetrics } from '../../shared/observability/metrics.ts';
import type { Platform } from '../../shared/platform.ts';
import { appendAudit } from '../../shared/store/audit.ts';

/**
 * Cognito's post authentication trigger: every sign-in to the user pool, by
 * password or by a code texted to the phone (choice-based sign-in), goes
 * into the audit log, as the local OpenID provider records its own. A
 * sign-in is never refused for want of its record: staff on duty must get
 * in; the failure is logged and counted, and its alarm calls the operator.
 */
export const signIns = ({ store }: Pick<Platform, 'store'>) =>
  middy(async (event: PostAuthenticationTriggerEvent) => {
    const attributes = event.request.userAttributes;
    const entry = auditEntry(
      'account.sign-in',
      auditTarget.account(event.userName),
      {
        sub: attributes['sub'] ?? event.userName,
        username: event.userName,
        ...(attributes['name'] ? { name: attributes['name'] } : {}),
        unitId: attributes['custom:unitId'] ?? '',
        // The trigger is told neither the groups nor the address: the account's record has them.
        groups: [],
        sourceIp: '',
      },
      new Date(),
      { clientId: event.callerContext.clientId },
    );
    try {
      await appendAudit(store, entry);
    } catch (error) {
      logger.error('a sign-in was not audited', {
        username: event.userName,
        error: (error as Error).name,
      });
      recordMetrics([{ name: 'SignInsNotAudited', value: 1 }]);
    }
    return event;
  }).use(injectLambdaContext(logger, { resetKeys: true }));
