import { Button, Dropdown } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { DOCUMENT_TYPE_SPECS, type DocumentSummary } from '../../../shared/workflow.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ListFilterBar, type ListFilterField } from '../../components/ListSettings.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { DOCUMENT_TABLE_WIDTH, useDocumentColumns } from './docShared.tsx';
import { useDocumentFilterFields } from './documentFilters.tsx';

/**
 * Every document the user may see; new documents start here. The list people shape (list key
 * `documents`): columns, density and page size, the filter panel and saved filters, kept per user.
 */
export default function DocumentListPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Filters the workspace's links bring: no control of their own, shown as tags, closed to widen the list.
  const linked: ListFilterField[] = [
    { key: 'mine', label: t('我的申请', 'My requests'), text: () => t('是', 'yes') },
    {
      key: 'lending',
      label: t('出借', 'Lendings'),
      text: (v) => (v === 'overdue' ? t('逾期未收回', 'overdue') : t('即将到期', 'due soon')),
    },
  ];
  const fields = [...useDocumentFilterFields(), ...linked];
  const filters = Object.fromEntries(fields.map((f) => [f.key, params.get(f.key) ?? undefined]));
  const creatable = DOCUMENT_TYPE_SPECS.filter((s) => !s.draftPermission || can(s.draftPermission)).map((s) => [s.code, s.label] as const);
  return (
    <>
      <PageHeader
        title={t('业务单据', 'Documents')}
        extra={
          can('document.write') && (
            <Dropdown
              menu={{
                items: creatable.map(([k, v]) => ({ key: k, label: label(v, locale) })),
                onClick: ({ key }) => navigate(`/documents/new/${key}`),
              }}
            >
              <Button type="primary" icon={<PlusOutlined />} data-testid="new-document">
                {t('新建单据', 'New document')}
              </Button>
            </Dropdown>
          )
        }
      />
      <ListFilterBar listId="documents" fields={fields} />
      <ServerTable<DocumentSummary>
        listId="documents"
        url="/api/documents"
        columns={useDocumentColumns()}
        filters={filters}
        search={t('单据号或标题', 'Number or title')}
        tableProps={{ scroll: { x: DOCUMENT_TABLE_WIDTH } }}
      />
    </>
  );
}
