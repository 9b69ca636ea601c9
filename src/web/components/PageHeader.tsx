import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: ReactNode;
  to?: string;
}

/** Page title row: breadcrumbs, a title with badges, and actions on the right. */
export function PageHeader({
  title,
  subtitle,
  extra,
  crumbs,
  tags,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  crumbs?: Crumb[];
  tags?: ReactNode;
}) {
  return (
    <div style={{ marginBottom: 16 }}>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="flex-start" gap={16} wrap>
        <div style={{ minWidth: 0 }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="page-title">
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && <Flex gap={8}>{extra}</Flex>}
      </Flex>
    </div>
  );
}
