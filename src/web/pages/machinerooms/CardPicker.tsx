import { useState } from 'react';
import { Select } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { useCardSearch } from './api.ts';

/** Picks asset cards by number or name fragment (the caller's scope of the card library). */
export function CardPicker(props: {
  value?: string | string[];
  onChange?: (v: string | string[]) => void;
  multiple?: boolean;
  /** Labels of cards already chosen (the search shows only what was typed for). */
  known?: { value: string; label: string }[];
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const { data, isFetching } = useCardSearch(q);
  return (
    <Select
      showSearch
      allowClear
      mode={props.multiple ? 'multiple' : undefined}
      filterOption={false}
      loading={isFetching}
      placeholder={t('输入卡片编号或名称查找', 'Search by card number or name')}
      value={props.value}
      onChange={props.onChange}
      onSearch={setQ}
      options={[
        ...(props.known ?? []).filter((k) => !data?.items.some((c) => c.id === k.value)),
        ...(data?.items ?? []).map((c) => ({ value: c.id, label: `${c.cardNo} ${c.name}（${c.unitName}）` })),
      ]}
    />
  );
}
