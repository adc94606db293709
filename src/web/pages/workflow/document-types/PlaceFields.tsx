import { Col, Form } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { DepartmentSelect, RoomSelect, StaffSelect } from '../../../components/selects.tsx';

/** Department, custodian and room of the applicant unit (requisition, handover, internal transfer). */
export function PlaceFields({ unitId }: { unitId?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'departmentId']} label={t('使用部门', 'Department')}>
          <DepartmentSelect unitId={unitId} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'custodianId']} label={t('保管人', 'Custodian')}>
          <StaffSelect unitId={unitId} allowClear />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'roomId']} label={t('存放地点', 'Room')}>
          <RoomSelect unitId={unitId} allowClear />
        </Form.Item>
      </Col>
    </>
  );
}
