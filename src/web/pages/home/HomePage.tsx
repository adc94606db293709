import { useMemo } from 'react';
import { Card, Col, Descriptions, Empty, Row, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { buildMenu } from '../../app/menu.ts';
import { pageRoutes } from '../../app/pages.ts';
import { ROLE_LABELS } from '../../app/roleLabels.ts';
import { useUnitName } from '../../app/useUnitName.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

function greeting(t: (zh: string, en: string) => string) {
  const h = new Date().getHours();
  if (h < 11) return t('上午好', 'Good morning');
  if (h < 13) return t('中午好', 'Good day');
  if (h < 18) return t('下午好', 'Good afternoon');
  return t('晚上好', 'Good evening');
}

/** The landing page: who you are, what you may do, and links to your pages. */
export default function HomePage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const { me } = session;
  const unitName = useUnitName(me.unitId);
  const sections = useMemo(() => buildMenu(pageRoutes, session.can).filter((s) => s.key !== 'home'), [session]);
  const label = (x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);
  const roles = [...new Set(me.grants.map((g) => g.role))];

  return (
    <div className="home-page">
      <PageHeader
        title={`${greeting(t)}${t('，', ', ')}${me.displayName}`}
        subTitle={t('欢迎使用公物国有资产管理系统', 'Welcome to Gongwu state asset management')}
      />
      <Card size="small" className="home-card">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('用户名', 'Username')}>{me.username}</Descriptions.Item>
          <Descriptions.Item label={t('所属单位', 'Unit')}>{unitName ?? (me.unitId ? '—' : t('全系统', 'System-wide'))}</Descriptions.Item>
          <Descriptions.Item label={t('角色', 'Roles')}>
            {roles.length
              ? roles.map((r) => (
                  <Tag color="blue" key={r}>
                    {label({ zh: ROLE_LABELS[r][0], en: ROLE_LABELS[r][1] })}
                  </Tag>
                ))
              : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Title level={5} className="home-section-title">
        {t('快捷入口', 'Quick links')}
      </Typography.Title>
      {sections.length === 0 ? (
        <Empty description={t('暂无可用功能，请联系管理员分配角色', 'Nothing available yet; ask an administrator for a role')} />
      ) : (
        <Row gutter={[12, 12]}>
          {sections.map((s) => (
            <Col key={s.key} xs={24} md={12} xl={8}>
              <Card size="small" title={label(s)} className="home-card">
                <ul className="home-links">
                  {s.items.map((i) => (
                    <li key={i.path}>
                      <Link to={i.path}>
                        {i.icon} {label(i)} <RightOutlined className="home-link-arrow" />
                      </Link>
                    </li>
                  ))}
                </ul>
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
