import { Badge, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { DocumentSummary } from '../../../shared/workflow.contracts.ts';
import { http, ok } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { DocStatusTag, useDocTypeLabel } from '../../components/DocumentTags.tsx';
import { formatDateTime } from '../../lib/dates.ts';

// Shared with other pages through src/web/components; re-exported for this module's pages.
export { DocStatusTag, useDocTypeLabel };

/** The inbox count, refreshed every minute; shown as a badge. */
export function useInboxCount(enabled = true) {
  return (
    useQuery({ queryKey: ['inbox-count'], queryFn: () => ok(http.GET('/api/inbox/count')), refetchInterval: 60_000, enabled }).data
      ?.count ?? 0
  );
}

export function InboxBadge() {
  const count = useInboxCount();
  return <Badge count={count} overflowCount={99} />;
}

/** The document columns' widths added up: narrower screens scroll the table, not the page. */
export const DOCUMENT_TABLE_WIDTH = 1310;

export function useDocumentColumns(): TableColumnsType<DocumentSummary> {
  const { t } = useI18n();
  const typeLabel = useDocTypeLabel();
  return [
    {
      title: t('单据号', 'No.'),
      dataIndex: 'docNo',
      key: 'docNo',
      sorter: true,
      width: 160,
      render: (v, r) => <Link to={`/documents/${r.id}`}>{v}</Link>,
    },
    { title: t('类型', 'Type'), dataIndex: 'type', width: 110, render: (v) => typeLabel(v) },
    // The title keeps room of its own: with a fixed width on every other column it was squeezed to nothing at 1440 px.
    { title: t('标题', 'Title'), dataIndex: 'title', ellipsis: true, width: 240, minWidth: 200 },
    { title: t('申请单位', 'Unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    { title: t('申请人', 'Applicant'), dataIndex: 'applicantName', width: 90 },
    { title: t('明细', 'Lines'), dataIndex: 'lineCount', width: 60, align: 'right' },
    {
      title: t('金额', 'Amount'),
      dataIndex: 'totalFen',
      key: 'totalFen',
      sorter: true,
      width: 130,
      align: 'right',
      render: (v) => <Money fen={v} />,
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      width: 90,
      render: (v, r) => (
        <>
          {<DocStatusTag status={v} />}
          {r.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}
        </>
      ),
    },
    { title: t('当前环节', 'Current step'), dataIndex: 'currentStepLabel', width: 150, ellipsis: true },
    {
      title: t('创建时间', 'Created'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      width: 140,
      render: (v: string) => formatDateTime(v),
    },
  ];
}
