import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../../components/QueryState.tsx';
import { ARTICLE_COLUMN } from '../../../lib/labels.ts';
import { fullTime } from '../../../lib/time.ts';
import { useUnitNames } from '../../../lib/units.ts';
import { articleListQuery } from '../api/articles.ts';
import { StatusTag } from '../../../components/StatusTag.tsx';

/**
 * 文章 (Art3, Art10.1): what 掌上新华's columns show. The district office
 * writes and publishes; a street office or township writes its own
 * 您的身边事, which the office publishes.
 */
export default function ArticlesPage() {
  const list = useQuery(articleListQuery);
  const unitName = useUnitNames();
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          文章
        </Typography.Title>
        <Link to="/articles/new">
          <Button type="primary">写文章</Button>
        </Link>
      </Flex>
      <QueryState query={list} empty="还没有文章" isEmpty={(data) => data.items.length === 0}>
        {(data) => (
          <Table
            rowKey="id"
            pagination={false}
            dataSource={data.items}
            columns={[
              {
                title: '标题',
                dataIndex: 'title',
                render: (title: string, article) => (
                  <Link to={`/articles/${article.id}`}>{title}</Link>
                ),
              },
              {
                title: '栏目',
                dataIndex: 'column',
                render: (column: keyof typeof ARTICLE_COLUMN) => ARTICLE_COLUMN[column],
              },
              { title: '撰写单位', dataIndex: 'unitId', render: unitName },
              {
                title: '状态',
                dataIndex: 'status',
                render: (status: string) =>
                  status === 'published' ? (
                    <StatusTag tone="ok">已发布</StatusTag>
                  ) : (
                    <StatusTag tone="neutral">草稿</StatusTag>
                  ),
              },
              {
                title: '更新时间',
                dataIndex: 'updatedAt',
                render: (at: string) => fullTime(at),
              },
            ]}
          />
        )}
      </QueryState>
    </Flex>
  );
}
