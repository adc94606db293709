import { Col, Form, Input, Select } from 'antd';
import { DISPOSAL_METHODS, label } from '../../../../shared/assets.enums.ts';
import { PRICING_BASES } from '../../../../shared/workflow.contracts.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { Money, YuanInput } from '../../../components/Money.tsx';
import { present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t, locale } = useI18n();
  const form = Form.useFormInstance();
  const method = Form.useWatch(['payload', 'disposalMethod'], form);
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
      {method === 'sale' && (
        <>
          <Col xs={24} md={8}>
            <Form.Item name={['payload', 'buyer']} label={t('受让方', 'Buyer')}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['payload', 'priceFen']} label={t('成交价格（元）', 'Price')}>
              <YuanInput min={0} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={['payload', 'pricingBasis']} label={t('定价方式', 'Pricing basis')}>
              <Select options={Object.entries(PRICING_BASES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
            </Form.Item>
          </Col>
        </>
      )}
      <Col xs={24}>
        <Form.Item
          name={['payload', 'earlyGround']}
          label={t('提前处置理由（出售、捐赠、置换未满最低使用年限时必填）', 'Ground for disposing before the minimum life')}
        >
          <Input maxLength={500} />
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
      [t('受让方', 'Buyer'), p.buyer as string | undefined],
      [t('成交价格', 'Price'), p.priceFen !== undefined ? <Money key="priceFen" fen={Number(p.priceFen)} /> : undefined],
      [
        t('定价方式', 'Pricing basis'),
        p.pricingBasis ? label(PRICING_BASES[p.pricingBasis as keyof typeof PRICING_BASES], locale) : undefined,
      ],
      [t('提前处置理由', 'Early disposal ground'), p.earlyGround as string | undefined],
    ),
};
