import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import type { Service, ServiceChange } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { unitsQuery, useUnitNames } from '../../../lib/units.ts';
import { categoriesQuery, useSaveCategory } from '../api/reports.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { DEFAULT_SLA_HOURS } from '../../../../../../shared/domain/citizenBoard.ts';

/** 诉求分类: which department answers which category, changed without a deploy (Art10.4). */
export default function CategoriesPage() {
  const categories = useQuery(categoriesQuery);
  const unitName = useUnitNames();
  const [editing, setEditing] = useState<Service>();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        诉求分类
      </Typography.Title>
      <QueryState query={categories} empty="还没有分类" isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <Table<Service>
            rowKey="code"
            pagination={false}
            dataSource={data.items}
            scroll={{ x: 600 }}
            columns={[
              { title: '分类', dataIndex: 'name' },
              { title: '栏目', dataIndex: 'column' },
              {
                title: '承办部门',
                key: 'unit',
                render: (_value, service) => unitName(service.unitId),
              },
              {
                title: '办结时限',
                key: 'sla',
                render: (_value, service) => `${service.slaHours ?? DEFAULT_SLA_HOURS} 小时`,
              },
              {
                title: '状态',
                key: 'active',
                render: (_value, service) =>
                  service.active ? (
                    <StatusTag tone="ok">受理中</StatusTag>
                  ) : (
                    <StatusTag tone="neutral">已停用</StatusTag>
                  ),
              },
              {
                title: '操作',
                key: 'edit',
                render: (_value, service) => (
                  <Button
                    aria-label={`修改${service.name}`}
                    onClick={() => {
                      setEditing(service);
                    }}
                  >
                    修改
                  </Button>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing && (
        <CategoryForm
          service={editing}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
    </Flex>
  );
}

function CategoryForm({ service, onClose }: { service: Service; onClose: () => void }) {
  const units = useQuery(unitsQuery);
  const save = useSaveCategory();
  const { message } = App.useApp();
  const [form] = Form.useForm<ServiceChange>();
  const [failure, setFailure] = useState<string>();
  return (
    <Modal
      open
      title={`修改分类：${service.name}`}
      onCancel={onClose}
      okText="保存"
      confirmLoading={save.isPending}
      onOk={() => {
        form.submit();
      }}
    >
      <Form<ServiceChange>
        form={form}
        layout="vertical"
        initialValues={{ ...service, slaHours: service.slaHours ?? DEFAULT_SLA_HOURS }}
        onFinish={async (change) => {
          setFailure(undefined);
          try {
            await save.mutateAsync({ code: service.code, change });
            void message.success('已保存');
            onClose();
          } catch (error) {
            setFailure(
              showApiErrors(form, error, ['name', 'column', 'unitId', 'slaHours', 'active']),
            );
          }
        }}
      >
        {failure && (
          <Alert type="error" title={failure} role="alert" style={{ marginBottom: 12 }} />
        )}
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="栏目" name="column" rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label="承办部门" name="unitId" rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data?.items ?? []).map((unit) => ({
              value: unit.id,
              label: unit.name,
            }))}
          />
        </Form.Item>
        <Form.Item
          label="办结时限（小时）"
          name="slaHours"
          extra="掌上新华的部门排行按这个时限计算按时办结率。"
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={24 * 90} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="受理中" name="active" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
