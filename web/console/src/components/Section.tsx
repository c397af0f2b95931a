import { Card, Typography, type CardProps } from 'antd';
import type { ReactNode } from 'react';

/** A card that is a section of its screen: its title is the screen's next heading (h3). */
export function Section({ title, ...card }: Omit<CardProps, 'title'> & { title: ReactNode }) {
  return (
    <Card
      {...card}
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 17 }}>
          {title}
        </Typography.Title>
      }
    />
  );
}
