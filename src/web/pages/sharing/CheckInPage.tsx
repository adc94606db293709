import { useState } from 'react';
import { Alert, Button, Result } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import type { BookingView } from '../../../shared/sharing.contracts.ts';
import { ApiError } from '../../api/client.ts';
import { checkIn, checkInView } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../lib/dates.ts';

/**
 * What the QR code at a room opens on the phone: the caller's unit's booking that can be checked in
 * to now, and one button. Nobody checked in within the grace period: the booking is released.
 */
export default function CheckInPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [done, setDone] = useState<BookingView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = useQuery({ queryKey: ['check-in', id], queryFn: () => checkInView(id) });
  if (view.isLoading) return <div style={{ padding: 24 }}>{t('正在读取…', 'Loading…')}</div>;
  if (view.error) return <Alert type="error" style={{ margin: 16 }} title={(view.error as Error).message} />;
  const v = view.data!;
  const b = done ?? v.booking;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 16 }}>
      <div style={{ fontSize: 20, fontWeight: 600 }}>{v.resource.name}</div>
      <div style={{ color: '#888', marginBottom: 16 }}>{v.resource.location}</div>
      {done ? (
        <Result status="success" title={t('签到成功', 'Checked in')} subTitle={`${done.bookingNo} ${done.title}`} />
      ) : b ? (
        <>
          <div style={{ fontSize: 18 }}>{b.title}</div>
          <div style={{ margin: '4px 0 16px' }}>
            {b.bookingNo} · {b.unitName} · {formatDateTime(b.startsAt)}–{formatDateTime(b.endsAt).slice(-5)}
          </div>
          {error && <Alert type="error" title={error} style={{ marginBottom: 8 }} />}
          <Button
            type="primary"
            block
            style={{ height: 48, fontSize: 18 }}
            onClick={async () => {
              try {
                setDone(await checkIn(id));
              } catch (err) {
                setError(err instanceof ApiError ? err.message : String(err));
              }
            }}
          >
            {t('签到', 'Check in')}
          </Button>
        </>
      ) : (
        <Alert
          type="info"
          title={t('现在没有本单位可签到的预订', 'No booking of your unit to check in to now')}
          description={t(
            `开始前 15 分钟起可签到${v.resource.checkinGraceMinutes ? `；开始后 ${v.resource.checkinGraceMinutes} 分钟未签到的预订自动释放` : ''}`,
            'Check-in opens 15 minutes before the start',
          )}
        />
      )}
    </div>
  );
}
