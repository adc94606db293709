import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { label } from '../../../shared/assets.enums.ts';
import { COUNT_OUTCOMES, SCAN_CONDITIONS } from '../../../shared/inventory.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The ledger events a count writes on a card: a scan, and the card's result when the count closed. */
export const COUNT_EVENTS = new Set(['count_scanned', 'count_result']);

const OUTCOME_COLORS: Record<string, string> = { found: 'green', moved: 'orange', missing: 'red', outside: 'blue' };

/**
 * A count's scan or result on the card's history: which count (a link to it), the outcome, where
 * the card was found and where the books expected it, its condition and when it was scanned.
 */
export function CountEventDetail({ after, names }: { after: Record<string, unknown>; names: Record<string, string> }) {
  const { t, locale } = useI18n();
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const room = (v: unknown) => (typeof v === 'string' ? (names[v] ?? '—') : null);
  const outcome = (COUNT_OUTCOMES as Record<string, readonly [string, string]>)[text(after.outcome)];
  const condition = (SCAN_CONDITIONS as Record<string, readonly [string, string]>)[text(after.condition)];
  const found = room(after.roomId);
  const expected = room(after.expectedRoomId);
  return (
    <Space wrap size={[8, 2]} style={{ marginTop: 4 }}>
      <Link to={`/counts/${text(after.countId)}`}>
        {t('盘点任务', 'Count')}「{text(after.count)}」
      </Link>
      {outcome && <Tag color={OUTCOME_COLORS[text(after.outcome)]}>{label(outcome, locale)}</Tag>}
      {after.recount === true && <Tag>{t('复盘', 'Recount')}</Tag>}
      {condition && after.condition !== 'good' && <Tag color="volcano">{label(condition, locale)}</Tag>}
      {found && (
        <span>
          {t('发现地点', 'Found in')}：{found}
        </span>
      )}
      {expected && (
        <span>
          {t('账面地点', 'Books say')}：{expected}
        </span>
      )}
      {typeof after.scannedAt === 'string' && (
        <Typography.Text type="secondary">
          {t('扫描时间', 'Scanned at')}：{after.scannedAt}
        </Typography.Text>
      )}
      {after.changedWhileCounting === true && <Tag color="gold">{t('盘点期间被单据变更', 'Changed while counting')}</Tag>}
    </Space>
  );
}
