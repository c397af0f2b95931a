import { useQuery } from '@tanstack/react-query';
import { Button, Input } from 'antd-mobile';
import { REPORT_STATUS, shortTime } from '../../../lib/labels.ts';
import { nearbyQuery } from '../api/get-nearby.ts';
import type { Position } from '../hooks/use-position.ts';
import { FieldError } from './FieldError.tsx';

/** Someone nearby already reported this: what is public of it, and how many more are being handled. */
function Nearby({ serviceCode, position }: { serviceCode: string; position: Position }) {
  const nearby = useQuery(nearbyQuery(serviceCode, position.lat, position.lng));
  if (!nearby.data || (nearby.data.items.length === 0 && nearby.data.unpublished === 0))
    return null;
  return (
    <div role="status" style={{ marginTop: 10 }}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>附近已有人反映过同类问题：</p>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {nearby.data.items.map((report) => (
          <li key={report.id}>
            {REPORT_STATUS[report.status]}，{shortTime(report.createdAt)} 提交（已公示）
          </li>
        ))}
        {nearby.data.unpublished > 0 && (
          <li>另有 {nearby.data.unpublished} 件正在办理，尚未公示</li>
        )}
      </ul>
      <p className="hint">如果是同一个问题，可以不必重复提交。</p>
    </div>
  );
}

/** 位置: the phone's position, or an address typed when it cannot be had. */
export function LocationField({
  serviceCode,
  position,
  locating,
  locateError,
  onLocate,
  address,
  onAddress,
  error,
}: {
  serviceCode: string | undefined;
  position: Position | undefined;
  locating: boolean;
  locateError: string | undefined;
  onLocate: () => void;
  address: string;
  onAddress: (address: string) => void;
  error: string | undefined;
}) {
  return (
    <section className="section" aria-labelledby="location-heading">
      <h2 id="location-heading">位置</h2>
      <Button type="button" onClick={onLocate} loading={locating} size="small">
        使用当前位置
      </Button>
      {position && <p className="hint">已定位（误差约 {Math.round(position.accuracy)} 米）</p>}
      {locateError && <p className="error">{locateError}</p>}
      <label className="field-label" htmlFor="address" style={{ marginTop: 10 }}>
        地址
      </label>
      <Input
        id="address"
        placeholder="无法定位时填写，如：中华北大街 18 号门前"
        value={address}
        onChange={onAddress}
        maxLength={200}
      />
      <FieldError message={error} />
      {serviceCode && position && <Nearby serviceCode={serviceCode} position={position} />}
    </section>
  );
}
