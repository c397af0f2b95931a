import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Typography } from 'antd';
import { useParams } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import { fullTime } from '../../../lib/time.ts';
import { bulletinQuery } from '../api/bulletins.ts';
import { ReceptionChart, ReceptionTable } from './ReceptionFigures.tsx';

/** A published bulletin: its figures as they were when it was published. */
export default function BulletinPage() {
  const { id = '' } = useParams();
  const bulletin = useQuery(bulletinQuery(id));
  return (
    <QueryState query={bulletin} empty="">
      {(view) => (
        <Card>
          <Flex vertical gap={16}>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {view.title}
            </Typography.Title>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="统计期间">
                {view.from} 至 {view.to}
              </Descriptions.Item>
              <Descriptions.Item label="发布时间">{fullTime(view.publishedAt)}</Descriptions.Item>
            </Descriptions>
            {view.remarks && <Typography.Paragraph>{view.remarks}</Typography.Paragraph>}
            <ReceptionChart units={view.units} />
            <ReceptionTable units={view.units} caption="各单位接收情况（发布时冻结）" />
          </Flex>
        </Card>
      )}
    </QueryState>
  );
}
