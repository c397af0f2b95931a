import { Flex, Table, Typography } from 'antd';
import type { ReceptionRow } from '../../../lib/api-types.ts';

const COLUMNS: { key: keyof ReceptionRow; title: string }[] = [
  { key: 'received', title: '收到' },
  { key: 'acknowledgedOnTime', title: '按时签收' },
  { key: 'acknowledgedLate', title: '逾时签收' },
  { key: 'missed', title: '超期未办' },
  { key: 'overdue', title: '逾期未办结' },
  { key: 'answeredOnTime', title: '按时反馈' },
  { key: 'answeredLate', title: '逾时反馈' },
  { key: 'problems', title: '接收问题' },
];

/** The figures by unit, as the bulletin prints them: a row per unit, numbers right-aligned. */
export function ReceptionTable({ units, caption }: { units: ReceptionRow[]; caption: string }) {
  return (
    <Table<ReceptionRow>
      rowKey="unitId"
      size="small"
      pagination={false}
      scroll={{ x: 760 }}
      dataSource={units}
      title={() => <Typography.Text strong>{caption}</Typography.Text>}
      columns={[
        { title: '单位', key: 'name', dataIndex: 'name', fixed: 'left', width: 180 },
        ...COLUMNS.map(({ key, title }) => ({
          title,
          key,
          dataIndex: key,
          align: 'right' as const,
          sorter: (a: ReceptionRow, b: ReceptionRow) => Number(a[key]) - Number(b[key]),
        })),
      ]}
    />
  );
}

const SEGMENTS = [
  { key: 'onTime', label: '按时签收', colour: '#389e0d' },
  { key: 'late', label: '逾时签收', colour: '#d48806' },
  { key: 'overdue', label: '逾期未办结', colour: '#cf1322' },
  { key: 'open', label: '未到期', colour: '#8c8c8c' },
] as const;

/**
 * How each unit signed for what it received, as a bar per unit (按时 /
 * 逾时 / 逾期未办结 / 未到期), worst first; each bar says its figures to a screen reader.
 */
export function ReceptionChart({ units }: { units: ReceptionRow[] }) {
  const rows = units
    .filter((unit) => unit.received > 0)
    .map((unit) => {
      // 逾期 may be an answer owed after a 签收: the bar shows at most what was not signed for.
      const unsigned = unit.received - unit.acknowledgedOnTime - unit.acknowledgedLate;
      const overdue = Math.min(unit.overdue, unsigned);
      return {
        unit,
        parts: {
          onTime: unit.acknowledgedOnTime,
          late: unit.acknowledgedLate,
          overdue,
          open: unsigned - overdue,
        },
      };
    })
    .sort(
      (a, b) =>
        (b.parts.late + b.parts.overdue + b.parts.open) / b.unit.received -
        (a.parts.late + a.parts.overdue + a.parts.open) / a.unit.received,
    );
  if (rows.length === 0)
    return <Typography.Text type="secondary">这段时间没有发文</Typography.Text>;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Flex gap={16} wrap style={{ marginBottom: 8 }}>
          {SEGMENTS.map(({ key, label, colour }) => (
            <span key={key}>
              <span
                aria-hidden
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  background: colour,
                  marginRight: 4,
                }}
              />
              {label}
            </span>
          ))}
        </Flex>
      </figcaption>
      <Flex vertical gap={6}>
        {rows.map(({ unit, parts }) => (
          <Flex key={unit.unitId} align="center" gap={8}>
            <span style={{ width: 140, flex: 'none' }}>{unit.name}</span>
            <div
              role="img"
              aria-label={`${unit.name}：收到 ${unit.received}，按时签收 ${parts.onTime}，逾时签收 ${parts.late}，逾期未办结 ${parts.overdue}，未到期 ${parts.open}`}
              style={{ display: 'flex', flex: 1, height: 14, background: '#f0f0f0' }}
            >
              {SEGMENTS.map(({ key, colour }) => (
                <div
                  key={key}
                  style={{ width: `${(100 * parts[key]) / unit.received}%`, background: colour }}
                />
              ))}
            </div>
            <span style={{ width: 96, flex: 'none', textAlign: 'right', whiteSpace: 'nowrap' }}>
              {Math.round((100 * parts.onTime) / unit.received)}% 按时
            </span>
          </Flex>
        ))}
      </Flex>
    </figure>
  );
}
