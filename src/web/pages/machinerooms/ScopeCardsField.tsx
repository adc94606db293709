import { Button, Form, Select, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { ContractView } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { CardPicker } from './CardPicker.tsx';

/**
 * 合同列明的资产: cards in the contract's scope beyond the racks of its rooms (a room's UPS, a switch
 * elsewhere), each with the room it is maintained from (left empty: the room of its rack, or the
 * contract's only room).
 */
export function ScopeCardsField({ rooms, current }: { rooms: { value: string; label: string }[]; current: ContractView['cards'] }) {
  const { t } = useI18n();
  const known = current.map((k) => ({ value: k.id, label: `${k.cardNo} ${k.name}（${k.ownerUnitName}）` }));
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(
          '合同范围内机房机柜中上架的设备自动纳入；此处列明不在机柜中的资产（如机房 UPS、精密空调）。维护机房留空时按上架位置或合同唯一的机房。',
          'Devices racked in the rooms are in scope already; list here the cards not in a rack (a UPS, an air conditioner). An empty room means the rack’s room, or the contract’s only room.',
        )}
      </Typography.Paragraph>
      <Form.List name="cards">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 8 }}>
                <Form.Item name={[f.name, 'cardId']} rules={[{ required: true, message: '请选择资产卡片' }]} style={{ width: 420 }}>
                  <CardPicker known={known} />
                </Form.Item>
                <Form.Item name={[f.name, 'machineRoomId']} style={{ width: 240 }}>
                  <Select allowClear placeholder={t('维护机房', 'Maintained from')} options={rooms} />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('移除', 'Remove')} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('列明资产', 'List a card')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
