import { Popconfirm, Tooltip, Typography } from 'antd';
import type { RackView, SlotView } from '../../../shared/machinerooms.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';

const U_PX = 12;

/** One rack drawn top-down (U numbers count from the bottom): devices blue, reservations hatched, half-depth on their face. */
export function RackElevation({ rack, onRemove }: { rack: RackView; onRemove?: (slot: SlotView) => Promise<void> }) {
  const { t } = useI18n();
  const title = (s: SlotView) =>
    s.kind === 'device'
      ? `U${s.uLow}–U${s.uHigh} ${s.cardNo} ${s.cardName}｜${t('产权', 'Owner')}：${s.ownerUnitName}｜${t('管理', 'Manager')}：${s.managingUnitName}｜${s.powerW} W`
      : `U${s.uLow}–U${s.uHigh} ${t('预留', 'Reserved')}：${s.reason}${s.reservedUntil ? `（${t('至', 'until')} ${s.reservedUntil}）` : ''}`;
  return (
    <div style={{ width: 150 }} data-testid={`rack-${rack.code}`}>
      <Typography.Text strong>{rack.code}</Typography.Text>{' '}
      <Typography.Text type="secondary">
        {t(`空闲 ${rack.freeU}U`, `${rack.freeU}U free`)}｜{rack.powerUsedW}/{rack.powerBudgetW} W
      </Typography.Text>
      <div style={{ position: 'relative', height: rack.heightU * U_PX, border: '2px solid #595959', background: '#fafafa', marginTop: 4 }}>
        {Array.from({ length: rack.heightU }, (_, i) => (
          <div
            key={i}
            style={{
              position: 'absolute',
              top: i * U_PX,
              left: 0,
              right: 0,
              height: U_PX,
              borderBottom: '1px dashed #eee',
              fontSize: 8,
              color: '#bbb',
            }}
          >
            {rack.heightU - i}
          </div>
        ))}
        {rack.slots.map((s) => {
          const block = (
            <div
              style={{
                position: 'absolute',
                top: (rack.heightU - s.uHigh) * U_PX,
                height: (s.uHigh - s.uLow + 1) * U_PX - 1,
                left: s.side === 'rear' ? '55%' : '12%',
                width: s.side === 'both' ? '86%' : '43%',
                background:
                  s.kind === 'device' ? '#1677ff' : 'repeating-linear-gradient(45deg, #ffd591, #ffd591 4px, #fff7e6 4px, #fff7e6 8px)',
                color: s.kind === 'device' ? '#fff' : '#874d00',
                fontSize: 9,
                overflow: 'hidden',
                whiteSpace: 'nowrap',
                borderRadius: 2,
                cursor: onRemove ? 'pointer' : 'default',
              }}
            >
              {s.kind === 'device' ? (s.label ?? s.cardNo) : t('预留', 'Reserved')}
            </div>
          );
          return (
            <Tooltip key={s.id} title={title(s)}>
              {onRemove ? (
                <Popconfirm
                  title={
                    s.kind === 'device'
                      ? t('将该设备下架？', 'Remove this device from the rack?')
                      : t('取消该预留？', 'Release this reservation?')
                  }
                  onConfirm={() => onRemove(s)}
                >
                  {block}
                </Popconfirm>
              ) : (
                block
              )}
            </Tooltip>
          );
        })}
      </div>
    </div>
  );
}
