import { useState } from 'react';
import { App, Button, Descriptions, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ROOM_GRADES, SLOT_SIDES } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { addRack, addRow, machineRoomKey, placeSlot, removeSlot, useMachineRoom } from './api.ts';
import { CardPicker } from './CardPicker.tsx';
import { ChecklistCard } from './ChecklistCard.tsx';
import { labelOf, optionsOf } from './labels.ts';
import { RackElevation } from './RackElevation.tsx';

type Dialog = null | 'row' | 'rack' | 'slot';
/** The dialog's fields: a row's, a rack's, or a slot's with the rack it goes in. */
type Values = Body<'/api/machine-rooms/{id}/rows', 'post'> &
  Body<'/api/machine-rooms/{id}/racks', 'post'> &
  Body<'/api/racks/{id}/slots', 'post'> & { rackId: string };

/** A machine room: every rack's elevation, and for the committee adding rows and racks, placing devices and reserving U. */
export default function MachineRoomPage() {
  const id = useParams().id!;
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<Values>();
  const key = machineRoomKey(id);
  const { data } = useMachineRoom(id);
  const manage = can('machineroom.manage');
  const done = () => {
    setDialog(null);
    form.resetFields();
    void qc.invalidateQueries({ queryKey: key });
  };
  const { saving, submit } = useFormSubmit(
    form,
    (v) => {
      if (dialog === 'row') return addRow(id, { code: v.code, name: v.name });
      if (dialog === 'rack') return addRack(id, v);
      const { rackId, ...slot } = v;
      return placeSlot(rackId, slot);
    },
    done,
  );
  const kind = Form.useWatch('kind', form);
  if (!data) return null;
  return (
    <>
      <PageHeader
        title={`${data.code} ${data.name}`}
        back="/machine-rooms"
        extra={
          manage && (
            <Space>
              <Button onClick={() => setDialog('row')}>{t('增加列', 'Add a row')}</Button>
              <Button onClick={() => setDialog('rack')} disabled={!data.rows.length}>
                {t('增加机柜', 'Add a rack')}
              </Button>
              <Button type="primary" onClick={() => setDialog('slot')} disabled={!data.racksList.length}>
                {t('上架 / 预留', 'Place / reserve')}
              </Button>
            </Space>
          )
        }
      />
      <Descriptions size="small" column={4} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('等级', 'Grade')}>{labelOf(ROOM_GRADES, data.grade, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('面积', 'Area')}>{data.areaM2} m²</Descriptions.Item>
        <Descriptions.Item label={t('空闲 U 位', 'Free U')}>
          {data.freeU} / {data.totalU}
        </Descriptions.Item>
        <Descriptions.Item label={t('用电', 'Power')}>
          {data.powerUsedW} / {data.powerBudgetW} W
        </Descriptions.Item>
      </Descriptions>
      <Space align="start" wrap size={24}>
        {data.racksList.map((r) => (
          <RackElevation
            key={r.id}
            rack={r}
            onRemove={
              manage
                ? async (s) => {
                    await removeSlot(s.id);
                    message.success(t('已完成', 'Done'));
                    await qc.invalidateQueries({ queryKey: key });
                  }
                : undefined
            }
          />
        ))}
      </Space>
      <ChecklistCard roomId={data.id} manage={!!manage} />
      <Modal
        open={dialog !== null}
        title={
          dialog === 'row'
            ? t('增加列', 'Add a row')
            : dialog === 'rack'
              ? t('增加机柜', 'Add a rack')
              : t('上架 / 预留', 'Place / reserve')
        }
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ heightU: 42, powerBudgetW: 5000, kind: 'device', side: 'both', powerW: 0 }}
        >
          {dialog === 'row' && (
            <>
              <Form.Item name="code" label={t('列编号', 'Row code')} rules={[{ required: true }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
            </>
          )}
          {dialog === 'rack' && (
            <>
              <Form.Item name="rowId" label={t('所在列', 'Row')} rules={[{ required: true }]}>
                <Select options={data.rows.map((r) => ({ value: r.id, label: `${r.code} ${r.name}` }))} />
              </Form.Item>
              <Form.Item name="code" label={t('机柜编号', 'Rack code')} rules={[{ required: true }]}>
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="heightU" label={t('高度（U）', 'Height (U)')}>
                <InputNumber min={1} max={60} />
              </Form.Item>
              <Form.Item name="powerBudgetW" label={t('功率预算（W）', 'Power budget (W)')}>
                <InputNumber min={0} step={500} />
              </Form.Item>
            </>
          )}
          {dialog === 'slot' && (
            <>
              <Form.Item name="rackId" label={t('机柜', 'Rack')} rules={[{ required: true }]}>
                <Select options={data.racksList.map((r) => ({ value: r.id, label: `${r.code}（${t('空闲', 'free')} ${r.freeU}U）` }))} />
              </Form.Item>
              <Form.Item name="kind" label={t('类型', 'Kind')}>
                <Select
                  options={[
                    { value: 'device', label: t('设备上架', 'Place a device') },
                    { value: 'reservation', label: t('预留 U 位', 'Reserve U') },
                  ]}
                />
              </Form.Item>
              <Space>
                <Form.Item name="uLow" label={t('起始 U', 'From U')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={60} />
                </Form.Item>
                <Form.Item name="uHigh" label={t('结束 U', 'To U')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={60} />
                </Form.Item>
                <Form.Item name="side" label={t('深度/面', 'Depth / face')}>
                  <Select style={{ width: 130 }} options={optionsOf(SLOT_SIDES, locale)} />
                </Form.Item>
              </Space>
              {kind === 'device' ? (
                <>
                  <Form.Item name="cardId" label={t('资产卡片', 'Asset card')} rules={[{ required: true }]}>
                    <CardPicker />
                  </Form.Item>
                  <Form.Item name="label" label={t('标签（可选）', 'Label (optional)')}>
                    <Input maxLength={100} />
                  </Form.Item>
                  <Form.Item name="powerW" label={t('额定功率（W）', 'Rated power (W)')}>
                    <InputNumber min={0} />
                  </Form.Item>
                </>
              ) : (
                <>
                  <Form.Item name="reason" label={t('预留原因', 'Reason')} rules={[{ required: true }]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item name="reservedUntil" label={t('预留至（YYYY-MM-DD，可选）', 'Until (YYYY-MM-DD, optional)')}>
                    <Input maxLength={10} />
                  </Form.Item>
                </>
              )}
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
