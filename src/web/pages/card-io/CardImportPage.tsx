import { useState } from 'react';
import { Alert, Button, Card, Space, Steps, Table, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { ImportError, ImportResult } from '../../../shared/card-io.contracts.ts';
import { toQueryString } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ExcelUpload } from '../../components/ExcelUpload.tsx';
import { importCards } from './api.ts';
import { JobProgress, jobFileUrl, type JobView } from '../../components/JobProgress.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { errorText } from '../../components/errors.ts';

/**
 * 导入卡片: download the template, upload the filled file, follow the job; a rejected file shows
 * every bad cell (row, column, value, reason) and the full report to download, a clean one links to the cards.
 */
export default function CardImportPage() {
  const { t } = useI18n();
  const session = useSession();
  const scope = session.units('card.import');
  // Committee staff choose the unit; a unit admin imports into its own.
  const chooses = scope === 'all' || scope.length > 1;
  const [unitId, setUnitId] = useState<string | undefined>(chooses ? undefined : (session.me.unitId ?? (scope as string[])[0]));
  const [jobId, setJobId] = useState<string | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const result = job?.result as ImportResult | null | undefined;
  const rejected = job?.status === 'failed' && result && !result.ok;

  const start = (id: string) => {
    setRefusal(null);
    setJob(null);
    setJobId(id);
  };

  return (
    <>
      <PageHeader
        title={t('导入卡片', 'Import cards')}
        subTitle={t('从 Excel 导入本单位已有的资产台账，记为期初登记', 'Bring an existing ledger in from Excel as opening registrations')}
        breadcrumb={[{ title: t('资产卡片库', 'Card library'), path: '/cards' }]}
      />
      <Card>
        <Steps
          orientation="vertical"
          size="small"
          current={job?.status === 'succeeded' ? 4 : jobId ? 2 : unitId ? 1 : 0}
          items={[
            {
              title: t('选择单位', 'Choose the unit'),
              description: chooses ? (
                <UnitSelect
                  value={unitId}
                  onChange={(v) => setUnitId(v as string)}
                  style={{ width: 360 }}
                  placeholder={t('导入到哪个单位', 'Import into which unit')}
                />
              ) : (
                t('导入到本单位', 'Into your own unit')
              ),
            },
            {
              title: t('下载模板并填写', 'Download the template and fill it in'),
              description: (
                <Space orientation="vertical">
                  <Button icon={<FileExcelOutlined />} href={`/api/card-io/template${toQueryString({ unitId })}`}>
                    {t('下载导入模板', 'Download the template')}
                  </Button>
                  <Typography.Text type="secondary">
                    {t(
                      '模板含“填写说明”工作表：每列是否必填、格式和可选值；以及分类代码和本单位的处室、人员、房间。',
                      'The template explains every column (required, format, allowed values) and lists category codes and your departments, staff and rooms.',
                    )}
                  </Typography.Text>
                </Space>
              ),
            },
            {
              title: t('上传文件', 'Upload the file'),
              description: (
                <div style={{ maxWidth: 560 }}>
                  <Typography.Paragraph type="secondary">
                    {t(
                      '整个文件要么全部导入，要么全部不导入：任何一行有错误都不会写入任何数据。',
                      'All or nothing: if any row is wrong, nothing is written.',
                    )}
                  </Typography.Paragraph>
                  <ExcelUpload
                    upload={(file) => importCards(file, unitId)}
                    disabled={!unitId || (!!jobId && !job)}
                    onUploaded={(r) => start(r.jobId)}
                    onError={(err) => {
                      setJobId(null);
                      setRefusal(errorText(err));
                    }}
                  />
                </div>
              ),
            },
            { title: t('完成', 'Done') },
          ]}
        />
        {refusal && <Alert style={{ marginTop: 16 }} type="error" showIcon title={refusal} />}
        {jobId && (
          <div style={{ marginTop: 16 }}>
            <JobProgress jobId={jobId} onDone={setJob} />
          </div>
        )}
        {job?.status === 'succeeded' && result?.ok && (
          <Alert
            style={{ marginTop: 16 }}
            type="success"
            showIcon
            title={t(`已导入 ${result.imported} 张卡片`, `${result.imported} cards imported`)}
            description={
              <>
                {result.firstCardNo && (
                  <div>
                    {t('卡片编号', 'Card numbers')}：{result.firstCardNo} – {result.lastCardNo}
                  </div>
                )}
                <Link to="/cards">{t('查看资产卡片', 'Open the card library')}</Link>
              </>
            }
          />
        )}
        {rejected && result && (
          <div style={{ marginTop: 16 }}>
            <Alert
              type="error"
              showIcon
              title={t(
                `导入被拒绝：共 ${result.errorCount} 处错误，未写入任何数据`,
                `Import rejected: ${result.errorCount} errors; nothing was written`,
              )}
              description={t('请按下表修改文件后重新上传。', 'Fix the file as listed below and upload it again.')}
              action={
                job.hasFile && (
                  <Button icon={<DownloadOutlined />} href={jobFileUrl(job.id)}>
                    {t('下载错误报告', 'Download the error report')}
                  </Button>
                )
              }
            />
            <Table<ImportError>
              size="small"
              style={{ marginTop: 8 }}
              rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
              dataSource={result.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              columns={[
                { title: t('行号', 'Row'), dataIndex: 'row', width: 80 },
                { title: t('列', 'Column'), dataIndex: 'column', width: 180 },
                {
                  title: t('值', 'Value'),
                  dataIndex: 'value',
                  width: 200,
                  render: (v: string) => v || <Typography.Text type="secondary">{t('（空）', '(empty)')}</Typography.Text>,
                },
                { title: t('原因', 'Reason'), dataIndex: 'reason' },
              ]}
            />
            {result.errorCount > result.errors.length && (
              <Typography.Text type="secondary">
                {t(
                  `此处列出前 ${result.errors.length} 处，完整清单见错误报告。`,
                  `The first ${result.errors.length} are listed; the report has them all.`,
                )}
              </Typography.Text>
            )}
          </div>
        )}
      </Card>
    </>
  );
}
