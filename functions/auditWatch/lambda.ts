import { auditWatch } from './handler.ts';

/** The function's entry in AWS: it reads its stream event and nothing else. */
export const handler = auditWatch();
