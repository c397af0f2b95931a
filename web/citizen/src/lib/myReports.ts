/**
 * The reports made on this phone: their id and tracking code, kept in
 * localStorage, because the code is shown once and only its hash is stored
 * on the server. Nothing else about the citizen is kept.
 */
export interface MyReport {
  id: string;
  trackingToken: string;
  serviceName: string;
  createdAt: string;
}

const KEY = 'xinhua.myReports';

export function myReports(): MyReport[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(stored) ? (stored as MyReport[]) : [];
  } catch {
    return [];
  }
}

export function keepReport(report: MyReport): void {
  const others = myReports().filter((kept) => kept.id !== report.id);
  localStorage.setItem(KEY, JSON.stringify([report, ...others]));
}

export const findMyReport = (id: string) => myReports().find((kept) => kept.id === id);
