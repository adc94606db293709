import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { http, ok } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import type { ListFilterField } from '../../components/ListSettings.tsx';
import { DepartmentSelect, UnitSelect } from '../../components/selects.tsx';

/** A unit's name for a filter's tag (the unit select's query, so fetched once). */
function UnitName({ id }: { id: string }) {
  const { data } = useQuery({
    queryKey: ['select', 'units'],
    queryFn: () => ok(http.GET('/api/units', { params: { query: { pageSize: 500 } } })),
    staleTime: 5 * 60_000,
  });
  return <>{data?.items.find((u) => u.id === id)?.name ?? '…'}</>;
}

/** A department's name for a filter's tag ("已停用" when it no longer is active). */
function DepartmentName({ id, unitId }: { id: string; unitId?: string | null }) {
  const { t } = useI18n();
  const { data } = useQuery({
    queryKey: ['select', 'departments', unitId, 'all'],
    queryFn: () => ok(http.GET('/api/units/{id}/departments', { params: { path: { id: unitId! }, query: { includeInactive: 'true' } } })),
    enabled: !!unitId,
    staleTime: 60_000,
  });
  const d = data?.items.find((x) => x.id === id);
  return <>{d ? `${d.name}${d.active ? '' : t('（已停用）', ' (inactive)')}` : '…'}</>;
}

/** The document filters: type, status, applicant unit (for those who see more than one) and department. */
export function useDocumentFilterFields(): ListFilterField[] {
  const { t, locale } = useI18n();
  const { me, units } = useSession();
  const [params] = useSearchParams();
  const readable = units('document.read');
  const manyUnits = readable === 'all' || readable.length > 1;
  const unitId = params.get('unitId') ?? (manyUnits ? null : (readable[0] ?? me.unitId));
  const fields: ListFilterField[] = [
    {
      key: 'type',
      label: t('单据类型', 'Type'),
      text: (v) => label(DOCUMENT_TYPES[v as keyof typeof DOCUMENT_TYPES] ?? [v, v], locale),
      control: (v, set) => (
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('全部类型', 'Any type')}
          value={v}
          onChange={(x) => set(x)}
          options={Object.entries(DOCUMENT_TYPES).map(([k, x]) => ({ value: k, label: label(x, locale) }))}
          data-testid="filter-type"
        />
      ),
    },
    {
      key: 'status',
      label: t('状态', 'Status'),
      text: (v) => label(DOCUMENT_STATUSES[v as keyof typeof DOCUMENT_STATUSES] ?? [v, v], locale),
      control: (v, set) => (
        <Select
          allowClear
          style={{ width: '100%' }}
          placeholder={t('全部状态', 'Any status')}
          value={v}
          onChange={(x) => set(x)}
          options={Object.entries(DOCUMENT_STATUSES).map(([k, x]) => ({ value: k, label: label(x, locale) }))}
          data-testid="filter-status"
        />
      ),
    },
  ];
  if (manyUnits)
    fields.push({
      key: 'unitId',
      label: t('申请单位', 'Unit'),
      text: (v) => <UnitName id={v} />,
      control: (v, set) => <UnitSelect style={{ width: '100%' }} value={v} onChange={(x) => set((x as string) ?? undefined)} />,
    });
  fields.push({
    key: 'departmentId',
    label: t('使用部门', 'Department'),
    text: (v) => <DepartmentName id={v} unitId={unitId} />,
    control: (v, set) => (
      <DepartmentSelect
        style={{ width: '100%' }}
        unitId={unitId}
        value={v}
        onChange={(x) => set((x as string) ?? undefined)}
        data-testid="filter-department"
      />
    ),
  });
  return fields;
}
