import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import type { CardListFilter } from '../../lib/cardListLink.ts';

/** Filters a link brings that the panel has no field for (the workspace's reminders): kept on apply. */
export const LINK_ONLY_KEYS = ['warrantyFrom', 'warrantyTo', 'custodianLeft'] as const;

/** The link-only filters as tags; closing one removes it from the list's URL. */
export function LinkFilterTags({ filter, onRemove }: { filter: CardListFilter; onRemove: (keys: string[]) => void }) {
  const { t } = useI18n();
  const tags: { keys: string[]; text: string }[] = [];
  if (filter.warrantyFrom || filter.warrantyTo)
    tags.push({
      keys: ['warrantyFrom', 'warrantyTo'],
      text: `${t('保修到期', 'Warranty ends')} ${filter.warrantyFrom ?? '…'} ${t('至', 'to')} ${filter.warrantyTo ?? '…'}`,
    });
  if (filter.custodianLeft) tags.push({ keys: ['custodianLeft'], text: t('保管人已离职', 'Custodian has left') });
  if (!tags.length) return null;
  return (
    <Space wrap style={{ marginBottom: 8 }} data-testid="link-filters">
      <Typography.Text type="secondary">{t('筛选：', 'Filter: ')}</Typography.Text>
      {tags.map((x) => (
        <Tag key={x.keys[0]} color="blue" closable onClose={() => onRemove(x.keys)}>
          {x.text}
        </Tag>
      ))}
    </Space>
  );
}
