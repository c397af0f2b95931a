import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Flex, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../../components/QueryState.tsx';
import { Section } from '../../../components/Section.tsx';
import type { QuestionView } from '../../../lib/api-types.ts';
import { showApiErrors } from '../../../lib/forms.ts';
import { useMe } from '../../../lib/me.ts';
import { fullTime } from '../../../lib/time.ts';
import { unitsQuery, useUnitNames } from '../../../lib/units.ts';
import { questionListQuery, useAnswerQuestion, useAssignQuestion } from '../api/questions.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

/**
 * 群众提问 (办事包打听, Art3 政民互动): questions citizens asked. The district
 * office answers, or passes one to the department that knows; an answer
 * may be made public, for everyone to read and search to find.
 */
export default function QuestionsPage() {
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        群众提问
      </Typography.Title>
      <Tabs
        items={[
          { key: 'open', label: '待答复', children: <QuestionList status="open" /> },
          { key: 'answered', label: '已答复', children: <QuestionList status="answered" /> },
        ]}
      />
    </Flex>
  );
}

function QuestionList({ status }: { status: 'open' | 'answered' }) {
  const list = useQuery(questionListQuery(status));
  return (
    <QueryState
      query={list}
      empty={status === 'open' ? '没有待答复的提问' : '还没有答复过的提问'}
      isEmpty={(data) => data.items.length === 0}
    >
      {(data) => (
        <Flex vertical gap={12}>
          {data.items.map((question) => (
            <QuestionCard key={question.id} question={question} />
          ))}
        </Flex>
      )}
    </QueryState>
  );
}

function QuestionCard({ question }: { question: QuestionView }) {
  const unitName = useUnitNames();
  return (
    <Section title={question.question}>
      <Typography.Paragraph type="secondary">
        {fullTime(question.askedAt)} 提问
        {question.assignedTo !== 'district-office' && ` · 已转交${unitName(question.assignedTo)}`}
      </Typography.Paragraph>
      {question.status === 'answered' ? (
        <>
          <Typography.Paragraph>答：{question.answer}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">
            {unitName(question.answeredByUnit ?? '')} {question.answeredBy} 答复于{' '}
            {fullTime(question.answeredAt ?? '')}{' '}
            {question.public ? (
              <StatusTag tone="ok">已公开</StatusTag>
            ) : (
              <StatusTag tone="neutral">仅提问人可见</StatusTag>
            )}
          </Typography.Paragraph>
        </>
      ) : (
        <AnswerForm question={question} />
      )}
    </Section>
  );
}

function AnswerForm({ question }: { question: QuestionView }) {
  const me = useMe();
  const [form] = Form.useForm<{ answer: string; public: boolean }>();
  const answer = useAnswerQuestion();
  const assign = useAssignQuestion();
  const units = useQuery(unitsQuery);
  const [department, setDepartment] = useState<string>();
  const [message, setMessage] = useState<string>();
  const label = `答复：${question.question.slice(0, 20)}`;
  return (
    <Form
      form={form}
      layout="vertical"
      aria-label={label}
      initialValues={{ public: true }}
      onFinish={(values) => {
        setMessage(undefined);
        answer.mutate(
          { id: question.id, answer: values.answer, public: values.public },
          {
            onError: (error) => {
              setMessage(showApiErrors(form, error, ['answer']));
            },
          },
        );
      }}
    >
      <Form.Item name="answer" label="答复" rules={[{ required: true, message: '请填写答复' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="public" valuePropName="checked">
        <Checkbox>公开答复（群众可查看、可搜索）</Checkbox>
      </Form.Item>
      {message && <Alert type="error" showIcon title={message} style={{ marginBottom: 16 }} />}
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={answer.isPending}>
          答复
        </Button>
        {me.group === 'district-office' && (
          <>
            <Select
              aria-label="转交部门"
              placeholder="转交部门"
              style={{ minWidth: 180 }}
              value={department}
              onChange={setDepartment}
              options={(units.data?.items ?? [])
                .filter((unit) => unit.kind === 'department' && unit.id !== 'district-office')
                .map((unit) => ({ value: unit.id, label: unit.name }))}
            />
            <Button
              disabled={!department}
              loading={assign.isPending}
              onClick={() => {
                if (department)
                  assign.mutate(
                    { id: question.id, unitId: department },
                    {
                      onError: (error) => {
                        setMessage(error.message);
                      },
                    },
                  );
              }}
            >
              转交
            </Button>
          </>
        )}
      </Space>
    </Form>
  );
}
