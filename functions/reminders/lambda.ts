import { lambdaPlatform } from '../lambdaPlatform.ts';
import { reminders } from './handler.ts';

/** The function's entry in AWS, on the platform wired from the SDK's clients. */
export const handler = reminders(lambdaPlatform());
