import type { ReactNode } from 'react';
import { Breadcrumb, Button, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { useI18n } from '../app/i18n.tsx';

export interface Crumb {
  title: ReactNode;
  path?: string;
}

export interface PageHeaderProps {
  title: ReactNode;
  subTitle?: ReactNode;
  /** Crumbs before the title, e.g. [{ title: t('资产卡片','Cards'), path: '/cards' }]. */
  breadcrumb?: Crumb[];
  /** Actions on the right. */
  extra?: ReactNode;
  /** Show a back arrow: true = history back, a string = go to that path. */
  back?: boolean | string;
  /** Tags or a status beside the title. */
  tags?: ReactNode;
  children?: ReactNode;
}

/** The title bar every page starts with. */
export function PageHeader({ title, subTitle, breadcrumb, extra, back, tags, children }: PageHeaderProps) {
  const navigate = useNavigate();
  const { t } = useI18n();
  return (
    <div className="page-header">
      {breadcrumb && breadcrumb.length > 0 && (
        <Breadcrumb
          className="page-header-crumbs"
          items={[...breadcrumb.map((c) => ({ title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title })), { title }]}
        />
      )}
      <div className="page-header-row">
        <Space size="small" align="center" wrap>
          {back && (
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              aria-label={t('返回', 'Back')}
              onClick={() => (typeof back === 'string' ? navigate(back) : navigate(-1))}
            />
          )}
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subTitle && <Typography.Text type="secondary">{subTitle}</Typography.Text>}
          {tags}
        </Space>
        {extra && <Space wrap>{extra}</Space>}
      </div>
      {children}
    </div>
  );
}

export default PageHeader;
