import { Button, Input } from 'antd-mobile';
import { useState } from 'react';
import { go } from '../../../lib/route.ts';
import { keepReport, myReports } from '../../../lib/myReports.ts';
import { shortTime } from '../../../lib/labels.ts';

/** 我的诉求: the reports made on this phone, and a report followed with its number and code from elsewhere. */
export default function MyReportsScreen() {
  const kept = myReports();
  const [id, setId] = useState('');
  const [code, setCode] = useState('');
  return (
    <div>
      <section className="section" aria-labelledby="mine-heading">
        <h2 id="mine-heading">我的诉求</h2>
        {kept.length === 0 && <p className="hint">本机还没有提交过诉求。</p>}
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {kept.map((report) => (
            <li key={report.id} style={{ margin: '6px 0' }}>
              <a href={`#/track/${report.id}`}>
                {report.serviceName || '诉求'}（{shortTime(report.createdAt)} 提交）
              </a>
            </li>
          ))}
        </ul>
      </section>
      <form
        className="section"
        aria-labelledby="lookup-heading"
        onSubmit={(event) => {
          event.preventDefault();
          const number = id.trim().toUpperCase();
          if (!/^[0-9A-Z]{26}$/.test(number) || !code.trim()) return;
          keepReport({
            id: number,
            trackingToken: code.trim(),
            serviceName: '',
            createdAt: new Date().toISOString(),
          });
          go(`/track/${number}`);
        }}
      >
        <h2 id="lookup-heading">用编号和查询码查询</h2>
        <label className="field-label" htmlFor="lookup-id">
          编号
        </label>
        <Input id="lookup-id" value={id} onChange={setId} maxLength={26} />
        <label className="field-label" htmlFor="lookup-code" style={{ marginTop: 8 }}>
          查询码
        </label>
        <Input id="lookup-code" value={code} onChange={setCode} maxLength={256} />
        <Button type="submit" color="primary" style={{ marginTop: 10 }}>
          查询
        </Button>
      </form>
    </div>
  );
}
