import { Badge, Space } from 'antd';
import type { DocumentSummary } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { DOCUMENT_TABLE_WIDTH, useDocumentColumns, useInboxCount } from './docShared.tsx';

/** 我的待办: documents whose current step is mine to decide. */
export default function InboxPage() {
  const { t } = useI18n();
  const count = useInboxCount();
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
      <ServerTable<DocumentSummary>
        url="/api/inbox"
        columns={useDocumentColumns()}
        search={t('单据号或标题', 'Number or title')}
        tableProps={{ scroll: { x: DOCUMENT_TABLE_WIDTH } }}
      />
    </>
  );
}
