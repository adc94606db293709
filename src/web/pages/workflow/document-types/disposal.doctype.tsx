import { Col, Form, Input, Select } from 'antd';
import { DISPOSAL_METHODS, label } from '../../../../shared/assets.enums.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { Money, YuanInput } from '../../../components/Money.tsx';
import { present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t, locale } = useI18n();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'disposalMethod']} label={t('处置方式', 'Method')}>
          <Select options={Object.entries(DISPOSAL_METHODS).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'incomeFen']} label={t('处置收入（元，上缴国库）', 'Income (to the treasury)')}>
          <YuanInput min={0} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          name={['payload', 'appraisal']}
          label={t('技术鉴定意见（未满最低年限报废时必填）', 'Appraisal (scrap before minimum life)')}
        >
          <Input />
        </Form.Item>
      </Col>
    </>
  );
}

export const disposal: WebDocumentType = {
  Fields,
  details: (p, t, locale) =>
    present(
      [
        t('处置方式', 'Method'),
        p.disposalMethod ? label(DISPOSAL_METHODS[p.disposalMethod as keyof typeof DISPOSAL_METHODS], locale) : undefined,
      ],
      [t('鉴定意见', 'Appraisal'), p.appraisal as string | undefined],
      [t('收入', 'Income'), p.incomeFen !== undefined ? <Money key="incomeFen" fen={Number(p.incomeFen)} /> : undefined],
    ),
};
