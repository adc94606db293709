import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import QRCode from 'qrcode';
import { getResource } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The check-in code to print and put at the room: it opens /m/checkin/<resource> on the phone. */
export default function CheckInQrPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [src, setSrc] = useState<string>();
  const r = useQuery({ queryKey: ['resource', id], queryFn: () => getResource(id) });
  const url = `${window.location.origin}/m/checkin/${id}`;
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then(setSrc);
  }, [url]);
  return (
    <div style={{ textAlign: 'center', padding: 32 }}>
      <div style={{ fontSize: 28, fontWeight: 600 }}>{r.data?.name}</div>
      <div style={{ fontSize: 18, margin: '8px 0 16px' }}>{t('预订人请扫码签到', 'Scan to check in to your booking')}</div>
      {src && <img src={src} alt={url} data-testid="checkin-qr" />}
      <div style={{ color: '#888', marginTop: 12 }}>
        {r.data?.checkinGraceMinutes
          ? t(
              `开始后 ${r.data.checkinGraceMinutes} 分钟内未签到，预订自动释放`,
              `Released when nobody checks in within ${r.data.checkinGraceMinutes} minutes`,
            )
          : ''}
      </div>
    </div>
  );
}
