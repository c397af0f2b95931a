import { ValidationError } from '../errors.ts';

/**
 * A category of citizen report ("service" in API.md) and the department that
 * answers it. Which department answers which category is data, changed by
 * the district office without a deploy (Art10.4).
 */
export interface Service {
  code: string;
  name: string;
  /** The column of 掌上新华 it is listed under: 市容随手拍, 指点新华区. */
  column: string;
  unitId: string;
  active: boolean;
  /** Hours within which its department should resolve a report (the ranking's SLA; 72 when unset). */
  slaHours?: number;
  /**
   * Whether anyone may ask if a report of it was made nearby. A category
   * whose reports say something about the person who made them (低保) says
   * no by default: its reports are never even counted near a point.
   */
  nearby?: boolean;
}

/** Categories that answer no "nearby" lookup unless the district office says otherwise. */
const PRIVATE_BY_DEFAULT = ['low-income-subsidy'];

export const answersNearby = (service: Pick<Service, 'code' | 'nearby'>): boolean =>
  service.nearby ?? !PRIVATE_BY_DEFAULT.includes(service.code);

/** A category that takes reports: closed or unknown categories take none (Art10.4). */
export function openCategory(service: Service | undefined, code: string): Service {
  if (!service?.active) {
    throw new ValidationError('诉求分类不存在', [
      { field: 'body.serviceCode', message: `没有开放的诉求分类“${code}”` },
    ]);
  }
  return service;
}
