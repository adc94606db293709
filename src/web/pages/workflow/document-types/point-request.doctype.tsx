import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Select, Space } from 'antd';
import { POINT_REQUEST_ACTIONS } from '../../../../shared/document-types/point-request.doctype.ts';
import { useI18n } from '../../../app/i18n.tsx';
import { RoomSelect } from '../../../components/selects.tsx';
import { present, type LinesEditorProps, type WebDocumentType } from './webDoctype.ts';

function Fields() {
  const { t, locale } = useI18n();
  return (
    <>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'action']} label={t('申请事项', 'Request')} rules={[{ required: true }]}>
          <Select
            options={Object.entries(POINT_REQUEST_ACTIONS).map(([value, [zh, en]]) => ({ value, label: locale === 'en' ? en : zh }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name={['payload', 'vlan']} label="VLAN">
          <InputNumber min={1} max={4094} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </>
  );
}

/** One line per point: its code, the office it is to serve and the office port. */
function LinesEditor({ unitId }: LinesEditorProps) {
  const { t } = useI18n();
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('请填写信息点编号', 'Point code') }]}>
                <Input placeholder={t('信息点编号', 'Point code')} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'forRoomId']}>
                <RoomSelect unitId={unitId} allowClear placeholder={t('办公室', 'Office')} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'spec']}>
                <Input placeholder={t('办公室端口', 'Office port')} style={{ width: 140 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'reason']}>
                <Input placeholder={t('理由', 'Reason')} style={{ width: 220 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('删除', 'Remove')} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
            {t('添加信息点', 'Add a point')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export const pointRequest: WebDocumentType = {
  Fields,
  LinesEditor,
  details: (p, t, locale) => {
    const a = POINT_REQUEST_ACTIONS[p.action as keyof typeof POINT_REQUEST_ACTIONS];
    return present([t('申请事项', 'Request'), a ? (locale === 'en' ? a[1] : a[0]) : undefined], ['VLAN', p.vlan as number | undefined]);
  },
};
