import { Button, Dropdown, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { DOCUMENT_STATUSES, DOCUMENT_TYPE_SPECS, DOCUMENT_TYPES, type DocumentSummary } from '../../../shared/workflow.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { DOCUMENT_TABLE_WIDTH, useDocumentColumns } from './docShared.tsx';

/** Every document the user may see, by type and status; new documents start here. */
export default function DocumentListPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? undefined;
  const status = params.get('status') ?? undefined;
  // Filters the workspace's links bring: shown as tags, closed to widen the list.
  const mine = params.get('mine') ?? undefined;
  const lending = params.get('lending') ?? undefined;
  const set = (k: string, v?: string) =>
    setParams(
      (prev) => {
        const n = new URLSearchParams(prev);
        if (v) n.set(k, v);
        else n.delete(k);
        n.delete('page');
        return n;
      },
      { replace: true },
    );
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
      <ServerTable<DocumentSummary>
        url="/api/documents"
        columns={useDocumentColumns()}
        filters={{ type, status, mine, lending }}
        search={t('单据号或标题', 'Number or title')}
        tableProps={{ scroll: { x: DOCUMENT_TABLE_WIDTH } }}
        toolbar={
          <Space wrap>
            {mine && (
              <Tag color="blue" closable onClose={() => set('mine')} data-testid="filter-mine">
                {t('我的申请', 'My requests')}
              </Tag>
            )}
            {lending && (
              <Tag color={lending === 'overdue' ? 'red' : 'orange'} closable onClose={() => set('lending')} data-testid="filter-lending">
                {lending === 'overdue' ? t('出借逾期未收回', 'Lendings overdue') : t('出借即将到期', 'Lendings due soon')}
              </Tag>
            )}
            <Select
              allowClear
              placeholder={t('单据类型', 'Type')}
              style={{ width: 140 }}
              value={type}
              onChange={(v) => set('type', v)}
              options={Object.entries(DOCUMENT_TYPES).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
            />
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 120 }}
              value={status}
              onChange={(v) => set('status', v)}
              options={Object.entries(DOCUMENT_STATUSES).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
            />
          </Space>
        }
      />
    </>
  );
}
