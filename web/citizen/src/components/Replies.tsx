import type { PublicReport } from '../lib/api-types.ts';
import { REPORT_STATUS, shortTime } from '../lib/labels.ts';

/** A department's public updates, oldest first: status (or 办理进展, a note), time, reply. */
export function Replies({ updates }: { updates: PublicReport['updates'] }) {
  return updates.map((update) => (
    <div className="reply" key={update.id}>
      <strong>{update.status ? REPORT_STATUS[update.status] : '办理进展'}</strong>{' '}
      <span className="card-meta">{shortTime(update.at)}</span>
      {update.reply && <p style={{ margin: '4px 0 0' }}>{update.reply}</p>}
    </div>
  ));
}
