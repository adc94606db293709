import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { label } from '../../../shared/assets.enums.ts';
import { STEP_SCOPES, type Chain, type ChainStepInput } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ROLE_LABELS } from '../../../shared/org.contracts.ts';
import { YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useUnsavedGuard } from '../../components/useUnsavedGuard.ts';
import { saveChain, useChains } from './api.ts';
import { useDocTypeLabel } from './docShared.tsx';
import { formatDateTime } from '../../lib/dates.ts';

const STEP_ROLES = ['unit_admin', 'unit_finance', 'unit_leader', 'asset_office', 'finance_bureau'] as const;

function ChainEditor({ chain, onSaved }: { chain: Chain; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const typeLabel = useDocTypeLabel();
  const [form] = Form.useForm<{ steps: ChainStepInput[] }>();
  const showError = useFormErrors(form);
  const unsaved = useUnsavedGuard();
  const { clean } = unsaved;
  useEffect(() => {
    form.setFieldsValue({ steps: chain.steps });
    clean();
  }, [chain, form, clean]);
  const save = async (v: { steps: ChainStepInput[] }) => {
    try {
      const steps = (v.steps ?? []).map((s) => ({
        ...s,
        allowCosign: !!s.allowCosign,
        condition: Object.fromEntries(
          Object.entries(s.condition ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== '' && x !== false),
        ),
      }));
      await saveChain(chain.documentType, steps);
      unsaved.clean();
      message.success(t('已保存；之后提交的单据按新流程审批', 'Saved; documents submitted from now on follow it'));
      onSaved();
    } catch (err) {
      showError(err);
    }
  };
  const roleLabel = (r: (typeof STEP_ROLES)[number]) => (locale === 'en' ? ROLE_LABELS[r].en : ROLE_LABELS[r].zh);
  return (
    <Card
      size="small"
      title={typeLabel(chain.documentType)}
      style={{ marginBottom: 12 }}
      extra={
        chain.updatedAt && (
          <Typography.Text type="secondary">
            {chain.updatedByName} {formatDateTime(chain.updatedAt)}
          </Typography.Text>
        )
      }
    >
      <Form form={form} onFinish={save} onValuesChange={unsaved.onValuesChange} size="small">
        <Form.List name="steps">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={6} align="middle" style={{ marginBottom: 4 }}>
                  <Col flex="32px">{i + 1}.</Col>
                  <Col flex="170px">
                    <Form.Item name={[f.name, 'label']} noStyle>
                      <Input placeholder={t('环节名称', 'Label')} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[f.name, 'scope']} noStyle>
                      <Select
                        style={{ width: '100%' }}
                        options={Object.entries(STEP_SCOPES).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[f.name, 'role']} noStyle>
                      <Select style={{ width: '100%' }} options={STEP_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} />
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item name={[f.name, 'condition', 'minItemFen']} noStyle>
                      <YuanInput placeholder={t('单价≥（元）', 'Item ≥')} />
                    </Form.Item>
                  </Col>
                  <Col flex="130px">
                    <Form.Item name={[f.name, 'condition', 'minBatchFen']} noStyle>
                      <YuanInput placeholder={t('批量≥（元）', 'Batch ≥')} />
                    </Form.Item>
                  </Col>
                  <Col flex="110px">
                    <Form.Item name={[f.name, 'condition', 'categoryPrefix']} noStyle>
                      <Input placeholder={t('分类代码前缀', 'Category')} />
                    </Form.Item>
                  </Col>
                  <Col flex="auto">
                    <Space size={2}>
                      <Form.Item name={[f.name, 'condition', 'crossUnit']} valuePropName="checked" noStyle>
                        <Checkbox>{t('跨单位', 'Cross-unit')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'overStandard']} valuePropName="checked" noStyle>
                        <Checkbox>{t('超标准', 'Over standard')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={[f.name, 'condition', 'financial']} valuePropName="checked" noStyle>
                        <Checkbox>{t('财务变动', 'Financial')}</Checkbox>
                      </Form.Item>
                      <Form.Item name={[f.name, 'allowCosign']} valuePropName="checked" noStyle>
                        <Checkbox data-testid="allow-cosign">{t('允许加签', 'Allows a co-signer')}</Checkbox>
                      </Form.Item>
                      <Button type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, i - 1)} />
                      <Button type="text" icon={<ArrowDownOutlined />} disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} />
                      <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                    </Space>
                  </Col>
                </Row>
              ))}
              <Space style={{ marginTop: 6 }}>
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ role: 'unit_leader', scope: 'applicant_unit', label: '', condition: {}, allowCosign: false })}
                >
                  {t('添加环节', 'Add a step')}
                </Button>
                <Button type="primary" htmlType="submit">
                  {t('保存', 'Save')}
                </Button>
                {!fields.length && (
                  <Typography.Text type="secondary">{t('无审批环节：提交即批准', 'No steps: approved on submission')}</Typography.Text>
                )}
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

/** 审批流程配置: per document type, ordered steps, each a role at a scope with conditions (all must hold; amounts per item OR per batch). */
export default function ChainsPage() {
  const { t } = useI18n();
  const { data, refetch } = useChains();
  return (
    <>
      <PageHeader
        title={t('审批流程配置', 'Approval chains')}
        subTitle={t(
          '条件全部满足时该环节生效；金额条件按单价或批量任一达到',
          'A step applies when all its conditions hold; amounts per item or per batch',
        )}
      />
      {(data?.items ?? []).map((c) => (
        <ChainEditor key={c.documentType} chain={c} onSaved={() => void refetch()} />
      ))}
    </>
  );
}
