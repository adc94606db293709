import { Col, DatePicker, Form, Select } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { useExecutedOrders } from '../api.ts';
import { ImportLines } from './ImportLines.tsx';
import { type LinesExtraProps, present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t } = useI18n();
  const orders = useExecutedOrders();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'orderId']} label={t('采购单', 'Order')}>
          <Select
            allowClear
            options={(orders.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.docNo} ${o.title ?? ''}` }))}
            data-testid="order-select"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        {/* The form holds the date as a picker; DocumentFormPage writes acceptedOn. */}
        <Form.Item name={['payload', 'acceptedOnDay']} label={t('验收日期', 'Accepted on')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}

function LinesExtra({ form, unitId, onPick }: LinesExtraProps) {
  const orderId = Form.useWatch(['payload', 'orderId'], form) as string | undefined;
  return <ImportLines type="acceptance" unitId={unitId} orderId={orderId} onPick={onPick} />;
}

export const acceptance: WebDocumentType = {
  Fields,
  lineVariant: 'acceptance',
  LinesExtra,
  details: (p, t) =>
    present(
      [t('供应商', 'Supplier'), p.supplier as string | undefined],
      [t('验收日期', 'Accepted on'), p.acceptedOn as string | undefined],
      [t('入账日期', 'Posted on'), p.postedOn as string | undefined],
    ),
};
