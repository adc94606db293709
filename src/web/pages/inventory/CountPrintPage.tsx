import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { COUNT_REASONS } from '../../../shared/inventory.contracts.ts';
import { countResult, getCount } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { LinesTable, pct, TotalsTable } from './countParts.tsx';

/** The count report for signing (盘点报告): totals by unit, the differences, signature lines. */
export default function CountPrintPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const count = useQuery({ queryKey: ['count', id], queryFn: () => getCount(id) });
  const result = useQuery({ queryKey: ['count', id, 'result'], queryFn: () => countResult(id) });
  const ready = !!count.data && !!result.data;
  useEffect(() => {
    if (ready) setTimeout(() => window.print(), 300);
  }, [ready]);
  if (!ready) return null;
  const c = count.data!;
  const r = result.data!;
  return (
    <div style={{ padding: 24, maxWidth: 1100, margin: '0 auto' }}>
      <h2 style={{ textAlign: 'center' }}>{t('资产清查盘点报告', 'Physical count report')}</h2>
      <p>
        {c.title}　{t('原因', 'Reason')}：
        {t(COUNT_REASONS[c.reason as keyof typeof COUNT_REASONS][0], COUNT_REASONS[c.reason as keyof typeof COUNT_REASONS][1])}　
        {t('基准日', 'Base date')}：{c.baseDate}　{t('账实相符率', 'Match rate')}：{pct(r.totals.matchRateBp)}
      </p>
      {r.periodNotes.map((n) => (
        <p key={n}>{n}</p>
      ))}
      <TotalsTable result={r} print />
      <p>
        {t('盘盈（无卡片）', 'Surplus (no card)')}：{r.totals.surplus}　{t('不属于本次范围', 'Outside this count')}：{r.totals.outside}
      </p>
      <h3>{t('差异明细', 'Differences')}</h3>
      <LinesTable lines={r.lines} print />
      <p style={{ marginTop: 48, display: 'flex', justifyContent: 'space-between' }}>
        <span>
          {t('盘点人', 'Counters')}：{c.counters.map((x) => x.name).join('、')}
        </span>
        <span>{t('资产管理部门负责人（签字）', 'Head of asset management (signature)')}：＿＿＿＿</span>
        <span>{t('单位负责人（签字）', 'Head of unit (signature)')}：＿＿＿＿</span>
      </p>
    </div>
  );
}
