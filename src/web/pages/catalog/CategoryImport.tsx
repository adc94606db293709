import { useState } from 'react';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { IMPORT_COLUMNS, type ImportReport } from '../../../shared/catalog.contracts.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ExcelUpload } from '../../components/ExcelUpload.tsx';
import { importCategories } from './api.ts';

/** The import button: a CSV or .xlsx file, all rows written or none, with the row report shown. */
export function CategoryImport() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const done = (r: ImportReport) => {
    setReport(r);
    if (r.ok) void qc.invalidateQueries({ queryKey: ['categories'] });
  };
  return (
    <>
      <Button
        icon={<UploadOutlined />}
        onClick={() => {
          setReport(null);
          setOpen(true);
        }}
      >
        {t('导入分类', 'Import categories')}
      </Button>
      <Modal
        open={open}
        title={t('导入资产分类', 'Import categories')}
        width={760}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('CSV 或 Excel（.xlsx）文件，首行为表头，列：', 'A CSV or Excel (.xlsx) file with a header row; columns: ')}
          <code>{IMPORT_COLUMNS.map(([en, zh]) => `${en}(${zh})`).join(', ')}</code>
          {t(
            '。按“版本+编码”新增或更新；任何一行有误则整个文件不写入。',
            '. Rows are created or updated by edition + code; if any row is wrong, nothing is written.',
          )}
        </Typography.Paragraph>
        <ExcelUpload
          upload={importCategories}
          accept=".csv,.xlsx"
          hint={t('点击或拖拽 CSV / Excel 文件到此处', 'Click or drop a CSV / Excel file here')}
          onUploaded={done}
          onError={(err) => {
            if (err instanceof ApiError && err.body.details) done(err.body.details as ImportReport);
          }}
        />
        {report && (
          <div style={{ marginTop: 16 }}>
            {report.ok ? (
              <Alert
                type="success"
                showIcon
                message={t(
                  `已导入：新增 ${report.created} 个，更新 ${report.updated} 个`,
                  `Imported: ${report.created} created, ${report.updated} updated`,
                )}
              />
            ) : (
              <Alert
                type="error"
                showIcon
                message={t(
                  `导入被拒绝：${report.rows.length} 行有错误，未写入任何数据`,
                  `Rejected: ${report.rows.length} rows have errors; nothing was written`,
                )}
              />
            )}
            <Table
              size="small"
              style={{ marginTop: 8 }}
              rowKey={(r) => `${r.row}-${r.code}`}
              dataSource={report.rows}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t('行号', 'Row'), dataIndex: 'row', width: 70 },
                { title: t('编码', 'Code'), dataIndex: 'code', width: 120 },
                {
                  title: t('结果', 'Result'),
                  dataIndex: 'action',
                  width: 90,
                  render: (a: string) =>
                    ({ created: t('新增', 'Created'), updated: t('更新', 'Updated'), error: t('错误', 'Error') })[a] ?? a,
                },
                {
                  title: t('错误', 'Errors'),
                  dataIndex: 'errors',
                  render: (e?: Record<string, string>) =>
                    e
                      ? Object.entries(e)
                          .map(([k, v]) => `${k}: ${v}`)
                          .join('；')
                      : '',
                },
              ]}
            />
          </div>
        )}
      </Modal>
    </>
  );
}
