import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { VIOLATION_KINDS, type Violation, type ViolationInput } from '../../../shared/evaluation.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { closeViolation, detectViolations, recordViolation, useViolations } from './api.ts';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { yearOptions } from './EvaluationPage.tsx';
import { codeLabel, optionsOf } from './poolLabels.ts';
import { businessDay } from '../../lib/dates.ts';

type NewViolation = Omit<ViolationInput, 'occurredOn'> & { occurredOn: Dayjs };

/** 责任追究: violations against a unit and a person, found by the system or entered by the committee, and their handling. */
export default function AccountabilityPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState<number | undefined>(yearOptions[0].value);
  const [status, setStatus] = useState<'open' | 'closed'>();
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<Violation>();
  const [form] = Form.useForm<NewViolation>();
  const [closeForm] = Form.useForm<{ handling: string; outcome: string }>();
  const apply = useFormErrors(form);
  const { data, isFetching } = useViolations(year, status);
  const refresh = () => qc.invalidateQueries({ queryKey: ['accountability'] });

  const add = async () => {
    const v = await form.validateFields();
    try {
      await recordViolation({ ...v, occurredOn: v.occurredOn.format('YYYY-MM-DD') });
      message.success(t('已登记', 'Recorded'));
      setAdding(false);
      await refresh();
    } catch (err) {
      apply(err);
    }
  };
  const close = async () => {
    const v = await closeForm.validateFields();
    await closeViolation(closing!.id, v);
    message.success(t('已记录处理结果', 'Handling recorded'));
    setClosing(undefined);
    await refresh();
  };

  return (
    <>
      <PageHeader
        title={t('责任追究', 'Accountability')}
        extra={
          <Space wrap>
            <Select
              allowClear
              value={year}
              options={yearOptions}
              onChange={setYear}
              style={{ width: 100 }}
              placeholder={t('年度', 'Year')}
            />
            <Select
              allowClear
              value={status}
              onChange={setStatus}
              style={{ width: 120 }}
              placeholder={t('状态', 'Status')}
              options={[
                { value: 'open', label: t('待处理', 'Open') },
                { value: 'closed', label: t('已处理', 'Closed') },
              ]}
            />
            {can('evaluation.manage') && (
              <ConfirmButton
                confirm={t('运行系统发现？', 'Run the detection?')}
                description={t(
                  '查找借用逾期、出借逾期未收回、盘亏资产，已登记的不重复。',
                  'Finds overdue loans and lendings and count losses; nothing twice.',
                )}
                onConfirm={async () => {
                  const r = await detectViolations();
                  message.info(t(`新发现 ${r.found} 项`, `${r.found} found`));
                  await refresh();
                }}
              >
                {t('系统发现', 'Detect')}
              </ConfirmButton>
            )}
            {can('accountability.record') && (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="violation-add">
                {t('登记', 'Record')}
              </Button>
            )}
          </Space>
        }
      />
      <Table<Violation>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data}
        scroll={{ x: 1100 }}
        columns={[
          { title: t('发生日期', 'Date'), dataIndex: 'occurredOn', width: 110 },
          { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 140 },
          { title: t('责任人', 'Person'), dataIndex: 'personName', width: 120 },
          { title: t('类型', 'Kind'), dataIndex: 'kind', width: 150, render: (v) => codeLabel(VIOLATION_KINDS, v, locale) },
          { title: t('违反规定', 'Rule'), dataIndex: 'rule', width: 200 },
          {
            title: t('证据', 'Evidence'),
            dataIndex: 'evidence',
            render: (v: string, r) => (
              <Space direction="vertical" size={0}>
                {v}
                {r.documentId && <Link to={`/documents/${r.documentId}`}>{r.docNo}</Link>}
                {r.cardId && <Link to={`/cards/${r.cardId}`}>{r.cardNo}</Link>}
              </Space>
            ),
          },
          {
            title: t('来源', 'Source'),
            dataIndex: 'source',
            width: 90,
            render: (v) => (v === 'system' ? <Tag color="purple">{t('系统发现', 'System')}</Tag> : t('登记', 'Entered')),
          },
          {
            title: t('处理', 'Handling'),
            key: 'h',
            width: 200,
            render: (_, r) =>
              r.status === 'closed' ? (
                `${r.handling}；${r.outcome}`
              ) : can('evaluation.manage') ? (
                <Button size="small" type="link" onClick={() => setClosing(r)}>
                  {t('记录处理', 'Record handling')}
                </Button>
              ) : (
                <Tag color="orange">{t('待处理', 'Open')}</Tag>
              ),
          },
        ]}
      />
      <Modal open={adding} title={t('登记责任追究事项', 'Record a violation')} onOk={add} onCancel={() => setAdding(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ kind: 'other', occurredOn: businessDay() }} preserve={false}>
          <Form.Item name="unitId" label={t('单位', 'Unit')} rules={[{ required: true }]}>
            <UnitSelect />
          </Form.Item>
          <Form.Item name="personName" label={t('责任人', 'Person')} rules={[{ required: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')}>
            <Select options={optionsOf(VIOLATION_KINDS, locale)} />
          </Form.Item>
          <Form.Item name="rule" label={t('违反规定', 'Rule')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="evidence" label={t('证据', 'Evidence')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('发生日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!closing}
        title={t('记录处理措施与结果', 'Handling and outcome')}
        onOk={close}
        onCancel={() => setClosing(undefined)}
        destroyOnHidden
      >
        <Form form={closeForm} layout="vertical" preserve={false}>
          <Form.Item name="handling" label={t('处理措施', 'Handling')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="outcome" label={t('处理结果', 'Outcome')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
