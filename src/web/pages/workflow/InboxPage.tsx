import { useState, type Key } from 'react';
import { useSearchParams } from 'react-router-dom';
import { App, Badge, Button, Modal, Space, Tag } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { DocumentSummary } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ListFilterBar } from '../../components/ListSettings.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { invalidateList, ServerTable } from '../../components/ServerTable.tsx';
import { errorText } from '../../components/useFormErrors.ts';
import { approveMany, workflowKeys } from './api.ts';
import { DOCUMENT_TABLE_WIDTH, useDocumentColumns, useInboxCount } from './docShared.tsx';
import { useDocumentFilterFields } from './documentFilters.tsx';

/**
 * 我的待办: documents whose current step is mine to decide (also for an absent colleague: 代 张三).
 * The list people shape under the list key `inbox`, as the document list.
 */
export default function InboxPage() {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const count = useInboxCount();
  const [selected, setSelected] = useState<Key[]>([]);
  const [params] = useSearchParams();
  const fields = useDocumentFilterFields();
  const filters = Object.fromEntries(fields.map((f) => [f.key, params.get(f.key) ?? undefined]));
  const base = useDocumentColumns();
  const columns = base.map((c) =>
    c.key === 'docNo'
      ? {
          ...c,
          render: (v: string, r: DocumentSummary, i: number) => (
            <Space size={4}>
              {(base[0].render as (v: string, r: DocumentSummary, i: number) => React.ReactNode)(v, r, i)}
              {r.actingFor && <Tag color="purple">{t(`代 ${r.actingFor}`, `for ${r.actingFor}`)}</Tag>}
            </Space>
          ),
        }
      : c,
  );
  const bulk = () =>
    modal.confirm({
      title: t(`批量同意 ${selected.length} 件单据？`, `Approve ${selected.length} documents?`),
      content: t(
        '每件单据各记一条“同意”审批记录；须填写意见的环节（超标准审核）将跳过，请逐件审批。',
        'One approval is recorded per document; steps that need a written opinion are skipped.',
      ),
      okText: t(`同意 ${selected.length} 件`, `Approve ${selected.length}`),
      onOk: async () => {
        try {
          const r = await approveMany(selected.map(String));
          message.success(t(`已同意 ${r.approved.length} 件`, `${r.approved.length} approved`));
          if (r.skipped.length)
            Modal.info({
              title: t(`跳过 ${r.skipped.length} 件`, `${r.skipped.length} skipped`),
              content: (
                <ul>
                  {r.skipped.map((s) => (
                    <li key={s.id}>
                      {s.docNo ?? s.id}：{s.reason}
                    </li>
                  ))}
                </ul>
              ),
            });
          setSelected([]);
          void invalidateList(qc, '/api/inbox');
          void qc.invalidateQueries({ queryKey: workflowKeys.inboxCount });
          void qc.invalidateQueries({ queryKey: ['workspace'] });
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });
  return (
    <>
      <PageHeader
        title={
          <Space>
            {t('我的待办', 'My inbox')}
            <Badge count={count} showZero overflowCount={999} data-testid="inbox-count" />
          </Space>
        }
        subTitle={t('当前环节由您审批的单据', 'Documents whose current step is yours to decide')}
      />
      <ListFilterBar listId="inbox" fields={fields} />
      <ServerTable<DocumentSummary>
        listId="inbox"
        url="/api/inbox"
        filters={filters}
        columns={columns}
        search={t('单据号或标题', 'Number or title')}
        rowSelection={{ selectedRowKeys: selected, onChange: setSelected, preserveSelectedRowKeys: true }}
        toolbar={
          <Button icon={<CheckOutlined />} disabled={!selected.length} onClick={bulk} data-testid="bulk-approve">
            {t(`批量同意（${selected.length}）`, `Approve selected (${selected.length})`)}
          </Button>
        }
        tableProps={{ scroll: { x: DOCUMENT_TABLE_WIDTH } }}
      />
    </>
  );
}
