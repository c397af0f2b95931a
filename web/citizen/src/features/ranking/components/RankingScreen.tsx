import { useQuery } from '@tanstack/react-query';
import { Pending } from '../../../components/Pending.tsx';
import { problem } from '../../../lib/api.ts';
import { rankingQuery } from '../api/get-ranking.ts';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(0)}%`);
const hours = (value: number | null) => (value === null ? '—' : value.toFixed(1));

/** 部门排行: how the departments answered citizens in the last 30 days (Art10.2, 考核评比). */
export default function RankingScreen() {
  const ranking = useQuery(rankingQuery);
  if (!ranking.data)
    return <Pending failure={ranking.error ? problem(ranking.error) : undefined} />;
  const { from, to, units } = ranking.data;
  return (
    <div className="section">
      <table className="ranking">
        <caption>
          部门排行（{from} 至 {to}）
        </caption>
        <thead>
          <tr>
            <th scope="col">名次</th>
            <th scope="col">部门</th>
            <th scope="col">诉求</th>
            <th scope="col">首次答复（时）</th>
            <th scope="col">按时办结</th>
            <th scope="col">满意</th>
            <th scope="col">重办</th>
            <th scope="col">逾期</th>
          </tr>
        </thead>
        <tbody>
          {units.map((unit) => (
            <tr key={unit.unitId}>
              <td>{unit.rank ?? '—'}</td>
              <th scope="row" style={{ fontWeight: 'normal', textAlign: 'left' }}>
                {unit.name}
              </th>
              <td>{unit.reports}</td>
              <td>{hours(unit.firstReplyMedianHours)}</td>
              <td>{percent(unit.resolvedWithinSlaShare)}</td>
              <td>{percent(unit.satisfiedShare)}</td>
              <td>{unit.reopened}</td>
              <td>{unit.overdue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        首次答复：从诉求交到部门到第一次答复的小时数，取中位数。按时办结：已办结或已过时限的诉求中，在时限内办结的比例；还在时限内的诉求不计，24
        小时内不答复的诉求即计为未按时。满意：评价了办理结果的群众中满意的比例。重办：群众说“未解决”而重新办理的件数。逾期：过了时限仍未办结的件数。名次先看按时办结，再看首次答复快慢。
      </p>
    </div>
  );
}
