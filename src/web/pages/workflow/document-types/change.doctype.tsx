import { Col, Form, InputNumber, Radio } from 'antd';
import { label } from '../../../../shared/assets.enums.ts';
import { CHANGE_KINDS } from '../../../../shared/workflow.contracts.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { Money, YuanInput } from '../../../components/Money.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import { type FieldsProps, present, type WebDocumentType } from './webDoctype.ts';

function Fields({ form, unitId }: FieldsProps) {
  const { t, locale } = useI18n();
  const kind = (Form.useWatch(['payload', 'changeKind'], form) as string | undefined) ?? 'handover';
  return (
    <>
      <Col xs={24}>
        <Form.Item name={['payload', 'changeKind']} label={t('变动类型', 'Change')}>
          <Radio.Group options={Object.entries(CHANGE_KINDS).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
        </Form.Item>
      </Col>
      {kind === 'handover' && <PlaceFields unitId={unitId} />}
      {kind === 'revaluation' && (
        <Col xs={24} md={8}>
          <Form.Item name={['payload', 'newValueFen']} label={t('变动后原值（元）', 'New value')}>
            <YuanInput min={0} />
          </Form.Item>
        </Col>
      )}
      {kind === 'useful_life' && (
        <Col xs={24} md={8}>
          <Form.Item name={['payload', 'newUsefulLifeMonths']} label={t('变动后使用年限（月）', 'New life (months)')}>
            <InputNumber min={1} max={1200} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      )}
    </>
  );
}

export const change: WebDocumentType = {
  Fields,
  initialPayload: { changeKind: 'handover' },
  details: (p, t, locale) =>
    present(
      [t('变动类型', 'Change'), p.changeKind ? label(CHANGE_KINDS[p.changeKind as keyof typeof CHANGE_KINDS], locale) : undefined],
      [t('变动后原值', 'New value'), p.newValueFen !== undefined ? <Money key="newValueFen" fen={Number(p.newValueFen)} /> : undefined],
      [t('变动后使用年限（月）', 'New useful life (months)'), p.newUsefulLifeMonths as number | undefined],
    ),
};
