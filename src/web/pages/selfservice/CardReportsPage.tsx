import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { label } from '../../../shared/assets.enums.ts';
import { type CardReport, REPORT_KINDS, REPORT_STATUSES } from '../../../shared/selfservice.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { errorText } from '../../components/errors.ts';
import { type CardReportsFilter, cardReportKeys, closeCardReport, draftMaintenance, useCardReports } from './api.ts';

/** The unit administrator's to-dos from the cards' QR pages: faults (→ 维修单) and "not with me". */
export default function CardReportsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  // The address's filter as the server takes it (it refuses a kind or status it does not know).
  const filter = { kind: params.get('kind') ?? undefined, status: params.get('status') ?? undefined } as CardReportsFilter;
  const { data, isLoading } = useCardReports(filter);
  const [repair, setRepair] = useState<CardReport | null>(null);
  const [closing, setClosing] = useState<CardReport | null>(null);
  const [form] = Form.useForm<{ vendor?: string; note?: string }>();
  const [busy, setBusy] = useState(false);

  const setFilter = (k: 'kind' | 'status', v: string | undefined) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (repair) {
        const res = await draftMaintenance(repair.id, { vendor: v.vendor ?? '', note: v.note });
        message.success(t(`已生成维修单 ${res.docNo}（草稿）`, `Repair ${res.docNo} drafted`));
        navigate(`/documents/${res.documentId}/edit`);
      } else if (closing) {
        await closeCardReport(closing.id, v.note ?? '');
        message.success(t('已处理', 'Handled'));
      }
      setRepair(null);
      setClosing(null);
      await qc.invalidateQueries({ queryKey: cardReportKeys.all });
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('扫码报修与报告', 'Reports from QR pages')}
      extra={
        <Space>
          <Select
            allowClear
            placeholder={t('类型', 'Kind')}
            style={{ width: 140 }}
            value={filter.kind}
            onChange={(v) => setFilter('kind', v)}
            options={Object.entries(REPORT_KINDS).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
          />
          <Select
            allowClear
            placeholder={t('状态', 'Status')}
            style={{ width: 120 }}
            value={filter.status}
            onChange={(v) => setFilter('status', v)}
            options={Object.entries(REPORT_STATUSES).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
          />
        </Space>
      }
    >
      <Table<CardReport>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => t(`共 ${n} 条`, `${n} in total`) }}
        columns={[
          { title: t('时间', 'When'), dataIndex: 'createdAt', width: 170, render: (v: string) => new Date(v).toLocaleString() },
          { title: t('类型', 'Kind'), dataIndex: 'kind', width: 110, render: (k: CardReport['kind']) => label(REPORT_KINDS[k], locale) },
          {
            title: t('资产', 'Card'),
            render: (_, r) => <Link to={`/cards/${r.cardId}`}>{`${r.cardNo} ${r.cardName}`}</Link>,
          },
          { title: t('报告人', 'By'), dataIndex: 'reporterName', width: 120 },
          {
            title: t('说明', 'Note'),
            render: (_, r) => (
              <Space>
                {r.note}
                {r.hasPhoto && (
                  <a href={`/api/card-reports/${r.id}/photo`} target="_blank" rel="noreferrer">
                    {t('照片', 'Photo')}
                  </a>
                )}
              </Space>
            ),
          },
          {
            title: t('状态', 'Status'),
            width: 200,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={r.status === 'open' ? 'orange' : undefined}>{label(REPORT_STATUSES[r.status], locale)}</Tag>
                {r.documentId && <Link to={`/documents/${r.documentId}`}>{r.docNo}</Link>}
                {r.handledNote && !r.documentId && <span>{r.handledNote}</span>}
              </Space>
            ),
          },
          {
            title: t('操作', 'Actions'),
            width: 190,
            render: (_, r) =>
              r.status === 'open' && (
                <Space>
                  {r.kind === 'fault' && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => {
                        form.resetFields();
                        setRepair(r);
                      }}
                    >
                      {t('转维修单', 'To repair')}
                    </Button>
                  )}
                  <Button
                    size="small"
                    onClick={() => {
                      form.resetFields();
                      setClosing(r);
                    }}
                  >
                    {t('处理完毕', 'Done')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={!!repair || !!closing}
        title={repair ? t('转为维修单', 'Turn into a repair') : t('处理完毕', 'Mark handled')}
        okText={repair ? t('生成维修单', 'Create the repair') : t('确定', 'OK')}
        confirmLoading={busy}
        onOk={() => void submit()}
        onCancel={() => {
          setRepair(null);
          setClosing(null);
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {repair ? (
            <>
              <Form.Item
                name="vendor"
                label={t('维修单位', 'Repairer')}
                rules={[{ required: true, message: t('请填写维修单位', 'Required') }]}
              >
                <Input maxLength={120} />
              </Form.Item>
              <Form.Item name="note" label={t('补充说明', 'Note')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="note" label={t('处理结果', 'Outcome')} rules={[{ required: true, message: t('请填写处理结果', 'Required') }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
