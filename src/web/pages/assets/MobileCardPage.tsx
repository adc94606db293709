import { Button, Empty, Spin } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { USE_MODES, label } from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { SelfServicePanel } from '../../components/SelfServicePanel.tsx';
import { useCard } from './api.ts';

const row = {
  display: 'flex',
  justifyContent: 'space-between',
  gap: 12,
  padding: '10px 0',
  borderBottom: '1px solid #f0f0f0',
  fontSize: 18,
} as const;

/** What a phone shows after scanning a card's QR label: big text, the key facts, the status. */
export default function MobileCardPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { data: c, isLoading, error } = useCard(id);
  if (isLoading)
    return (
      <div style={{ padding: 24, textAlign: 'center' }}>
        <Spin size="large" />
      </div>
    );
  if (error || !c) return <Empty style={{ marginTop: 64 }} description={t('卡片不存在或无权查看', 'No such card, or not yours to see')} />;
  const facts: [string, React.ReactNode][] = [
    [t('卡片编号', 'Card no.'), c.cardNo],
    [t('分类', 'Category'), c.categoryName],
    [t('规格型号', 'Spec'), [c.brand, c.spec].filter(Boolean).join(' ') || '—'],
    [t('序列号', 'Serial no.'), c.serialNo ?? '—'],
    [t('产权单位', 'Owner unit'), c.unitName],
    [t('使用部门', 'Department'), c.departmentName ?? '—'],
    [t('保管人', 'Custodian'), c.custodianName ?? '—'],
    [t('存放地点', 'Location'), c.roomName ?? '—'],
    [
      t('使用方式', 'Use'),
      USE_MODES[c.useMode as keyof typeof USE_MODES] ? label(USE_MODES[c.useMode as keyof typeof USE_MODES], locale) : c.useMode,
    ],
    [t('原值', 'Original value'), <Money key="v" fen={c.originalValueFen} />],
    [t('取得日期', 'Acquired'), c.acquiredOn],
  ];
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <div style={{ fontSize: 26, fontWeight: 600, lineHeight: 1.3, overflowWrap: 'anywhere' }}>{c.name}</div>
      {/* Only the tag is scaled: a scaled full-width block made the page 30 % wider than a phone. */}
      <div style={{ margin: '8px 0 12px' }}>
        <span style={{ display: 'inline-block', transform: 'scale(1.3)', transformOrigin: 'left' }}>
          <StatusTag status={c.status} />
        </span>
      </div>
      {facts.map(([k, v]) => (
        <div key={k} style={row}>
          <span style={{ color: '#888', whiteSpace: 'nowrap' }}>{k}</span>
          {/* min-width 0: a long unbroken value (a serial number) wraps instead of widening the page. */}
          <span style={{ textAlign: 'right', minWidth: 0, overflowWrap: 'anywhere' }}>{v}</span>
        </div>
      ))}
      <SelfServicePanel cardId={c.id} status={c.status} />
      <Link to={`/cards/${c.id}`}>
        <Button block size="large" style={{ marginTop: 20 }}>
          {t('查看完整卡片与履历', 'Full card and history')}
        </Button>
      </Link>
    </div>
  );
}
