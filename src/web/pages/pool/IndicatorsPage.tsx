import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { DIRECTIONS, INDICATOR_SOURCES, type Indicator, type IndicatorInput } from '../../../shared/evaluation.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { saveIndicator, useIndicators } from './api.ts';
import { useSession } from '../../app/session.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { yearOptions } from './EvaluationPage.tsx';
import { codeLabel, optionsOf } from './poolLabels.ts';

/** 评价指标体系: the indicators in force for a year; an edit applies from a year on, earlier years keep theirs. */
export default function IndicatorsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(yearOptions[0].value);
  const [editing, setEditing] = useState<Partial<Indicator>>();
  const [form] = Form.useForm<IndicatorInput>();
  const direction = Form.useWatch('direction', form);
  const apply = useFormErrors(form);
  const { data, isFetching } = useIndicators(year);
  const total = (data ?? []).reduce((s, i) => s + i.weight, 0);

  const save = async () => {
    const v = await form.validateFields();
    try {
      await saveIndicator(v);
      message.success(t(`已保存，自 ${v.fromYear} 年起适用`, `Saved, from ${v.fromYear} on`));
      setEditing(undefined);
      await qc.invalidateQueries({ queryKey: ['indicators'] });
      await qc.invalidateQueries({ queryKey: ['evaluation'] });
    } catch (err) {
      apply(err);
    }
  };

  return (
    <>
      <PageHeader
        title={t('评价指标体系', 'Evaluation indicators')}
        extra={
          <Space>
            <Select value={year} options={yearOptions} onChange={setYear} style={{ width: 100 }} />
            {can('evaluation.manage') && (
              <Button type="primary" onClick={() => setEditing({ direction: 'higher', fromYear: year, weight: 5 })}>
                {t('新增指标', 'New indicator')}
              </Button>
            )}
          </Space>
        }
      />
      <Table<Indicator>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data}
        pagination={false}
        columns={[
          { title: t('指标', 'Indicator'), dataIndex: 'name' },
          { title: t('数据来源', 'Source'), dataIndex: 'source', render: (v) => codeLabel(INDICATOR_SOURCES, v, locale) },
          { title: t('方向', 'Direction'), dataIndex: 'direction', width: 150, render: (v) => codeLabel(DIRECTIONS, v, locale) },
          { title: t('权重', 'Weight'), dataIndex: 'weight', width: 70, align: 'right' },
          {
            title: t('计分规则', 'Rule'),
            key: 'rule',
            render: (_, i) =>
              i.direction === 'target'
                ? t(`标准 ${i.target}，偏离 ${i.tolerance} 得 0 分`, `Standard ${i.target}, 0 at ±${i.tolerance}`)
                : t(`${i.best} 满分，${i.worst} 得 0 分，之间按比例`, `Full at ${i.best}, 0 at ${i.worst}, linear between`),
          },
          { title: t('自年度', 'From'), dataIndex: 'fromYear', width: 80 },
          {
            title: t('操作', 'Actions'),
            key: 'a',
            width: 80,
            render: (_, i) =>
              can('evaluation.manage') && (
                <Button size="small" type="link" onClick={() => setEditing({ ...i, fromYear: year })}>
                  {t('修改', 'Edit')}
                </Button>
              ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {t(
          `${year} 年适用权重合计 ${total}。权重为 0 的指标自该年度起停用；修改自所选年度起生效，以前年度的评价不变。`,
          `Weights in ${year} add up to ${total}. Weight 0 retires an indicator; an edit applies from its year on.`,
        )}
      </Typography.Paragraph>
      <Modal
        open={!!editing}
        title={t('评价指标', 'Indicator')}
        okText={t('保存', 'Save')}
        onOk={save}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={editing} preserve={false}>
          <Form.Item name="code" label={t('编码', 'Code')} rules={[{ required: true }]}>
            <Input disabled={!!editing?.id} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, min: 2 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="source" label={t('数据来源', 'Source')} rules={[{ required: true }]}>
            <Select options={optionsOf(INDICATOR_SOURCES, locale)} />
          </Form.Item>
          <Form.Item name="direction" label={t('方向', 'Direction')} rules={[{ required: true }]}>
            <Select options={optionsOf(DIRECTIONS, locale)} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="weight" label={t('权重', 'Weight')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} />
            </Form.Item>
            {direction === 'target' ? (
              <>
                <Form.Item name="target" label={t('标准值', 'Standard')}>
                  <InputNumber />
                </Form.Item>
                <Form.Item name="tolerance" label={t('容差', 'Tolerance')}>
                  <InputNumber min={0} />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="best" label={t('满分值', 'Full marks at')}>
                  <InputNumber />
                </Form.Item>
                <Form.Item name="worst" label={t('零分值', 'Zero at')}>
                  <InputNumber />
                </Form.Item>
              </>
            )}
            <Form.Item name="fromYear" label={t('自年度起', 'From year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2200} />
            </Form.Item>
          </Space>
          <Form.Item name="note" label={t('说明', 'Note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
