import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import { Section } from '../../../components/Section.tsx';
import type { DistrictCalendar } from '../../../lib/api-types.ts';
import { calendarQuery, useSaveCalendar } from '../api/reminder-settings.ts';

const thisYear = Number(
  new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
);

/** One list of days: add a day with the date field, remove one with its tag's ×. */
function DayList({
  label,
  year,
  days,
  onChange,
}: {
  label: string;
  year: number;
  days: string[];
  onChange: (days: string[]) => void;
}) {
  const [day, setDay] = useState('');
  return (
    <Flex vertical gap={8}>
      <Space wrap>
        <Input
          type="date"
          aria-label={label}
          min={`${year}-01-01`}
          max={`${year}-12-31`}
          value={day}
          onChange={(event) => {
            setDay(event.target.value);
          }}
        />
        <Button
          disabled={!day.startsWith(`${year}-`)}
          onClick={() => {
            onChange([...new Set([...days, day])].sort());
            setDay('');
          }}
        >
          添加
        </Button>
      </Space>
      <Space wrap size={[4, 8]}>
        {days.length === 0 && <Typography.Text type="secondary">未设</Typography.Text>}
        {days.map((listed) => (
          <Tag
            key={listed}
            closable
            closeIcon={<span aria-label={`删除 ${listed}`}>×</span>}
            onClose={() => {
              onChange(days.filter((other) => other !== listed));
            }}
          >
            {listed}
          </Tag>
        ))}
      </Space>
    </Flex>
  );
}

function CalendarForm({ saved }: { saved: DistrictCalendar }) {
  const save = useSaveCalendar();
  const { message } = App.useApp();
  const [calendar, setCalendar] = useState(saved);
  const [failure, setFailure] = useState<string>();
  return (
    <Flex vertical gap={16}>
      {failure && <Alert type="error" title={failure} role="alert" />}
      <Section title="节假日（工作日休息）">
        <DayList
          label="节假日"
          year={calendar.year}
          days={calendar.holidays}
          onChange={(holidays) => {
            setCalendar({ ...calendar, holidays });
          }}
        />
      </Section>
      <Section title="调休上班日（周末上班）">
        <DayList
          label="调休上班日"
          year={calendar.year}
          days={calendar.workdays}
          onChange={(workdays) => {
            setCalendar({ ...calendar, workdays });
          }}
        />
      </Section>
      <Button
        type="primary"
        style={{ alignSelf: 'flex-start' }}
        loading={save.isPending}
        onClick={() => {
          setFailure(undefined);
          save.mutate(calendar, {
            onSuccess: () => void message.success(`${calendar.year} 年区日历已保存`),
            onError: (error) => {
              setFailure(error.message);
            },
          });
        }}
      >
        保存日历
      </Button>
    </Flex>
  );
}

/**
 * 区日历: which days the district works (Monday to Friday, but holidays,
 * and the weekend days worked instead, 调休). With the working hours of
 * 提醒设置 it decides when reminders go to whoever is on duty.
 */
export default function CalendarPage() {
  const [year, setYear] = useState(thisYear);
  const calendar = useQuery(calendarQuery(year));
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          区日历
        </Typography.Title>
        <Select
          aria-label="年份"
          style={{ width: 120 }}
          value={year}
          onChange={setYear}
          options={[thisYear - 1, thisYear, thisYear + 1].map((value) => ({
            value,
            label: `${value} 年`,
          }))}
        />
      </Flex>
      <QueryState query={calendar} empty="">
        {(saved) => <CalendarForm key={saved.year} saved={saved} />}
      </QueryState>
    </Flex>
  );
}
