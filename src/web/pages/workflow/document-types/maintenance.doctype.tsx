import { Col, Form, Input } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { Money, YuanInput } from '../../../components/Money.tsx';
import { present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t } = useI18n();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'vendor']} label={t('维修单位', 'Vendor')}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'costFen']} label={t('维修费用（元）', 'Cost')}>
          <YuanInput min={0} />
        </Form.Item>
      </Col>
    </>
  );
}

export const maintenance: WebDocumentType = {
  Fields,
  details: (p, t) =>
    present(
      [t('维修单位', 'Vendor'), p.vendor as string | undefined],
      [t('维修费用', 'Cost'), p.costFen !== undefined ? <Money key="costFen" fen={Number(p.costFen)} /> : undefined],
    ),
};
