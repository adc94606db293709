import { Col, DatePicker, Form, Input, Radio } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { Money, YuanInput } from '../../../components/Money.tsx';
import { present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t } = useI18n();
  return (
    <>
      <Col xs={24} md={6}>
        <Form.Item name={['payload', 'mode']} label={t('方式', 'Mode')}>
          <Radio.Group
            options={[
              { value: 'lent', label: t('出借', 'Lend') },
              { value: 'rented', label: t('出租', 'Rent out') },
            ]}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['payload', 'counterparty']} label={t('对方单位', 'Counterparty')}>
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        {/* The form holds the period as one picker; DocumentFormPage writes periodFrom/periodTo. */}
        <Form.Item name={['payload', 'period']} label={t('期限', 'Period')}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name={['payload', 'incomeFen']} label={t('收入（元）', 'Income')}>
          <YuanInput min={0} />
        </Form.Item>
      </Col>
    </>
  );
}

export const lending: WebDocumentType = {
  Fields,
  initialPayload: { mode: 'lent' },
  details: (p, t) =>
    present(
      [t('方式', 'Mode'), p.mode ? (p.mode === 'rented' ? t('出租', 'Rental') : t('出借', 'Lending')) : undefined],
      [t('对方单位', 'Counterparty'), p.counterparty as string | undefined],
      [t('期限', 'Period'), p.periodFrom ? `${String(p.periodFrom)} ~ ${String(p.periodTo ?? '')}` : undefined],
      [t('收入', 'Income'), p.incomeFen !== undefined ? <Money key="incomeFen" fen={Number(p.incomeFen)} /> : undefined],
      [t('收回日期', 'Returned on'), p.returnedOn as string | undefined],
    ),
};
