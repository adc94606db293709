import { useState } from 'react';
import { App, Button, Dropdown, Modal, Space } from 'antd';
import { DownOutlined, ExportOutlined, ImportOutlined, PrinterOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { CardFilter } from '../../../shared/assets.contracts.ts';
import { toQueryString } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { JobProgress } from '../../components/JobProgress.tsx';
import { LABEL_IDS_IN_URL, LABEL_SELECTION_PREFIX } from '../../lib/labelSelection.ts';
import { BULK_TYPES, type BulkType } from '../../../shared/bulk.contracts.ts';
import { label } from '../../../shared/assets.enums.ts';
import { DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import { startCardExport } from './api.ts';
import { BulkActionModal } from './BulkActionModal.tsx';

export interface CardListToolbarExtrasProps {
  /** The filters the list shows now (search included), for exports of "what I see". */
  filter: CardFilter;
  /** Cards ticked in the table, for batch actions (labels, documents). */
  selectedIds: string[];
  /** Cards matching the filter (the list's total), for "all N matching". */
  total?: number;
  /** After a bulk action created its documents (the list reloads). */
  onBulkDone?: () => void;
}

const clean = (f: CardFilter) =>
  Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as CardFilter;

/** Beside the card list's search box: 导入 (the import page), 导出Excel (a job with the current filter), 打印标签. */
export function CardListToolbarExtras({ filter, selectedIds, total = 0, onBulkDone }: CardListToolbarExtrasProps) {
  const { t, locale } = useI18n();
  const [bulk, setBulk] = useState<BulkType | null>(null);
  const { message } = App.useApp();
  const session = useSession();
  const [exportJob, setExportJob] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const startExport = async () => {
    setStarting(true);
    try {
      const { jobId } = await startCardExport(clean(filter));
      setExportJob(jobId);
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setStarting(false);
    }
  };

  const printLabels = () => {
    let query: string;
    if (selectedIds.length > LABEL_IDS_IN_URL) {
      // A long selection would overflow the address; the label page picks it up from local storage.
      const key = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
      localStorage.setItem(`${LABEL_SELECTION_PREFIX}${key}`, JSON.stringify(selectedIds));
      query = toQueryString({ sel: key });
    } else if (selectedIds.length) query = toQueryString({ ids: selectedIds.join(',') });
    else query = toQueryString(clean(filter) as Record<string, string | string[]>);
    window.open(`/cards/labels${query}`, '_blank', 'noopener');
  };

  return (
    <Space wrap>
      {session.can('document.write') && (
        <Dropdown
          menu={{
            items: BULK_TYPES.map((k) => ({
              key: k,
              label:
                k === 'change'
                  ? t('变动（保管人、存放地点、使用部门）', 'Change (custodian, room, department)')
                  : label(DOCUMENT_TYPES[k], locale),
            })),
            onClick: ({ key }) => setBulk(key as BulkType),
          }}
        >
          <Button data-testid="bulk-action">
            {t('批量办理', 'Bulk action')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <BulkActionModal
        type={bulk}
        filter={clean(filter)}
        selectedIds={selectedIds}
        total={total}
        onClose={() => setBulk(null)}
        onCreated={onBulkDone}
      />
      {session.can('card.import') && (
        <Link to="/cards/import">
          <Button icon={<ImportOutlined />}>{t('导入', 'Import')}</Button>
        </Link>
      )}
      {session.can('card.export') && (
        <Button icon={<ExportOutlined />} loading={starting} onClick={() => void startExport()}>
          {t('导出Excel', 'Export to Excel')}
        </Button>
      )}
      <Button
        icon={<PrinterOutlined />}
        onClick={printLabels}
        title={
          selectedIds.length
            ? t(`为所选 ${selectedIds.length} 张卡片打印标签`, `Labels for the ${selectedIds.length} selected cards`)
            : t('为筛选结果打印标签', 'Labels for the filtered cards')
        }
      >
        {t('打印标签', 'Print labels')}
      </Button>
      <Modal
        open={!!exportJob}
        title={t('导出Excel', 'Export to Excel')}
        footer={<Button onClick={() => setExportJob(null)}>{t('关闭', 'Close')}</Button>}
        onCancel={() => setExportJob(null)}
        destroyOnHidden
      >
        <JobProgress jobId={exportJob} downloadLabel={t('下载 Excel 文件', 'Download the Excel file')} />
      </Modal>
    </Space>
  );
}

export default CardListToolbarExtras;
