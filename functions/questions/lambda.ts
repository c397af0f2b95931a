import { serve } from '../../shared/http/apiHandler.ts';
import { lambdaPlatform } from '../lambdaPlatform.ts';
import { questions } from './handler.ts';

/** The function's entry in AWS: its routes on the platform wired from the SDK's clients. */
export const handler = serve(questions, lambdaPlatform());
