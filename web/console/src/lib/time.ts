/**
 * Times as the district reads them: Asia/Shanghai, whatever the browser's
 * own time zone (a unit on duty may be anywhere).
 */
const DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const FULL = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** `11/25 10:10` */
export const shortTime = (iso: string) => DATE_TIME.format(new Date(iso));
/** `2026/11/25 10:10` */
export const fullTime = (iso: string) => FULL.format(new Date(iso));

/** `还剩 8 分钟`, `还剩 2 小时 5 分`, `已逾期 3 分钟`: how a deadline stands now. */
export function timeLeft(deadline: string, now: number): { text: string; overdue: boolean } {
  const minutes = Math.round((Date.parse(deadline) - now) / 60_000);
  const span = (m: number) =>
    m >= 24 * 60
      ? `${Math.floor(m / (24 * 60))} 天 ${Math.floor((m % (24 * 60)) / 60)} 小时`
      : m >= 60
        ? `${Math.floor(m / 60)} 小时 ${m % 60} 分`
        : `${m} 分钟`;
  return minutes >= 0
    ? { text: `还剩 ${span(minutes)}`, overdue: false }
    : { text: `已逾期 ${span(-minutes)}`, overdue: true };
}

/** A datetime-local input's value (Shanghai wall time) to an ISO instant. */
export const shanghaiInputToIso = (value: string) => new Date(`${value}:00+08:00`).toISOString();

/** An ISO instant as a datetime-local input's value, in Shanghai wall time: `2026-11-25T10:10`. */
export const isoToShanghaiInput = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16);
