import { Col, Form } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { RoomSelect } from '../../../components/selects.tsx';
import type { FieldsProps, WebDocumentType } from './webDoctype.ts';

function Fields({ unitId }: FieldsProps) {
  const { t } = useI18n();
  return (
    <Col xs={24} md={8}>
      <Form.Item name={['payload', 'roomId']} label={t('退回存放地点', 'Store in room')}>
        <RoomSelect unitId={unitId} allowClear />
      </Form.Item>
    </Col>
  );
}

export const returnDoc: WebDocumentType = { Fields, details: () => [] };
