import { lambdaPlatform } from '../lambdaPlatform.ts';
import { signIns } from './handler.ts';

/** The function's entry in AWS: the user pool calls it after each sign-in. */
export const handler = signIns(lambdaPlatform());
