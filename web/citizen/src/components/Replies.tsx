import type { PublicReport } from '../lib/api-types.ts';
import { REPORT_STATUS, shortTime } from '../lib/labels.ts';

/** A department's public updates, oldest first: status, time, reply. */
export function Replies({ updates }: { updates: PublicReport['updates'] }) {
  return updates.map((update) => (
    <div className="reply" key={update.at}>
      <strong>{REPORT_STATUS[update.status]}</strong>{' '}
      <span className="card-meta">{shortTime(update.at)}</span>
      {update.reply && <p style={{ margin: '4px 0 0' }}>{update.reply}</p>}
    </div>
  ));
}
