import { Tag } from 'antd';
import { CARD_STATUSES, label } from '../../shared/assets.enums.ts';
import { useI18n } from '../app/i18n.tsx';

const COLORS: Record<string, string> = {
  pending_posting: 'gold',
  in_use: 'green',
  idle: 'default',
  lent: 'cyan',
  rented: 'blue',
  under_repair: 'orange',
  pending_disposal: 'volcano',
  disposed: 'default',
  missing: 'red',
};

/** A colored tag for a card status code (CARD_STATUSES); unknown codes show as they are. */
export function StatusTag({ status }: { status: string | null | undefined }) {
  const { locale } = useI18n();
  if (!status) return null;
  const pair = (CARD_STATUSES as Record<string, readonly [string, string]>)[status];
  return <Tag color={COLORS[status] ?? 'default'}>{pair ? label(pair, locale) : status}</Tag>;
}

/** A Tag for any code of a vocabulary like USE_MODES or a document status map with colors. */
export function CodeTag({
  code,
  vocabulary,
  colors,
}: {
  code: string | null | undefined;
  vocabulary: Record<string, readonly [string, string]>;
  colors?: Record<string, string>;
}) {
  const { locale } = useI18n();
  if (!code) return null;
  const pair = vocabulary[code];
  return <Tag color={colors?.[code]}>{pair ? label(pair, locale) : code}</Tag>;
}

export default StatusTag;
