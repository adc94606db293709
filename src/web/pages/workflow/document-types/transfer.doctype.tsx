import { Col } from 'antd';
import { ReceivingSideFields, ReceivingUnitField } from '../TransferTargetFields.tsx';
import { PlaceFields } from './PlaceFields.tsx';
import type { FieldsProps, WebDocumentType } from './webDoctype.ts';

/** The receiving unit; between units the receiving side's people and rooms, else the unit's own. */
function Fields({ form, unitId, receiving }: FieldsProps) {
  return (
    <>
      <Col xs={24} md={8}>
        <ReceivingUnitField form={form} />
      </Col>
      {receiving ? <ReceivingSideFields unitId={receiving} form={form} /> : <PlaceFields unitId={unitId} />}
    </>
  );
}

export const transfer: WebDocumentType = { Fields, details: () => [] };
