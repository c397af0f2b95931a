import { App, Card, Flex, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCreateUpward } from '../api/upward.ts';
import { UpwardForm } from './UpwardForm.tsx';

/** 写上报: a unit's report to the district office, sent once its head approves and seals it. */
export default function UpwardWritePage() {
  const [search] = useSearchParams();
  const dispatchId = search.get('dispatchId') ?? undefined;
  const create = useCreateUpward();
  const navigate = useNavigate();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={16}>
      <Link to="/upward">← 返回上报</Link>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0 }}>
            写上报
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary">
          提交后由本单位主要负责人审核；负责人批准即加盖本单位电子印章并报送区政府办公室。
        </Typography.Paragraph>
        <UpwardForm
          {...(dispatchId ? { dispatchId } : {})}
          submitLabel="提交审核"
          onSubmit={async (report) => {
            const created = await create.mutateAsync(report);
            void message.success('已提交负责人审核');
            await navigate(`/upward/${created.id}`);
          }}
        />
      </Card>
    </Flex>
  );
}
