import { Col, Form, Input } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { ImportLines } from './ImportLines.tsx';
import { present, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t } = useI18n();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'supplier']} label={t('供应商', 'Supplier')}>
          <Input data-testid="supplier" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'contractNo']} label={t('合同编号', 'Contract no.')}>
          <Input />
        </Form.Item>
      </Col>
    </>
  );
}

/** The committee's order: its unit is the committee's (the server fills it in); lines come from approved requests. */
export const procurement: WebDocumentType = {
  Fields,
  lineVariant: 'procurement',
  startsEmpty: true,
  ownUnit: true,
  LinesExtra: ({ unitId, onPick }) => <ImportLines type="procurement" unitId={unitId} onPick={onPick} />,
  details: (p, t) =>
    present(
      [t('供应商', 'Supplier'), p.supplier as string | undefined],
      [t('合同编号', 'Contract no.'), p.contractNo as string | undefined],
    ),
};
