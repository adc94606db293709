import { useState } from 'react';
import { Alert, App, Button, Input, Modal, Space, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { label } from '../../shared/assets.enums.ts';
import { REPORT_KINDS, REPORT_STATUSES } from '../../shared/selfservice.contracts.ts';
import { http, ok } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

type Photo = { contentType: 'image/jpeg'; base64: string; preview: string };

/** The phone's photo scaled to at most 1280 px as a JPEG: a few hundred kilobytes, not the camera's megabytes. */
async function scaled(file: File): Promise<Photo> {
  const bitmap = await createImageBitmap(file);
  const k = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * k);
  canvas.height = Math.round(bitmap.height * k);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/jpeg', 0.8);
  return { contentType: 'image/jpeg', base64: url.slice(url.indexOf(',') + 1), preview: url };
}

const big = { height: 52, fontSize: 18 } as const;

type Action = 'here' | 'not_here' | 'return';
/** 在我这里 / 不在我这里 / 申请退库 on one card. */
const act = (cardId: string, action: Action) => {
  const path = { params: { path: { id: cardId } } };
  if (action === 'return') return ok(http.POST('/api/cards/{id}/return-request', { ...path, body: {} }));
  return ok(http.POST('/api/cards/{id}/whereabouts', { ...path, body: { here: action === 'here' } }));
};

/**
 * 自助 under the QR page's facts: its custodian (or the unit administrator) reports a fault with a
 * photo, asks for 退库, or says whether the card is with them. Others see nothing here.
 */
export function SelfServicePanel({ cardId, status }: { cardId: string; status: string }) {
  const { t, locale } = useI18n();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data } = useQuery({
    queryKey: ['self-service', cardId],
    queryFn: () => ok(http.GET('/api/cards/{id}/self-service', { params: { path: { id: cardId } } })),
  });
  const [fault, setFault] = useState(false);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!data?.mayAct) return null;

  const done = async (text: string) => {
    message.success(text);
    await qc.invalidateQueries({ queryKey: ['self-service', cardId] });
    await qc.invalidateQueries({ queryKey: ['card', cardId] });
  };
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await ok(
        http.POST('/api/cards/{id}/fault-reports', {
          params: { path: { id: cardId } },
          body: { note, ...(photo ? { photo: { contentType: photo.contentType, base64: photo.base64 } } : {}) },
        }),
      );
      setFault(false);
      setNote('');
      setPhoto(null);
      await done(t('已报修，资产管理员会尽快处理', 'Reported; the asset administrator will follow up'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (title: string, action: Action, success: string) =>
    modal.confirm({
      title,
      okText: t('确定', 'OK'),
      cancelText: t('取消', 'Cancel'),
      onOk: async () => {
        try {
          await act(cardId, action);
          await done(success);
        } catch (err) {
          message.error(errorText(err));
        }
      },
    });

  return (
    <div style={{ marginTop: 20 }} data-testid="self-service">
      <div style={{ fontSize: 18, fontWeight: 600, marginBottom: 8 }}>
        {data.asCustodian ? t('我保管的资产', 'In my custody') : t('管理员操作', 'Administrator')}
      </div>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button block type="primary" style={big} onClick={() => setFault(true)}>
          {t('报修', 'Report a fault')}
        </Button>
        <Button
          block
          style={big}
          onClick={() => confirm(t('确认在我这里？', 'Confirm it is with you?'), 'here', t('已确认：在我这里', 'Confirmed: with me'))}
        >
          {t('在我这里', 'It is with me')}
        </Button>
        <Button
          block
          style={big}
          danger
          onClick={() =>
            confirm(
              t('报告不在我这里？资产管理员会跟进核实。', 'Report it is not with you? The administrator will follow up.'),
              'not_here',
              t('已报告：不在我这里', 'Reported: not with me'),
            )
          }
        >
          {t('不在我这里', 'It is not with me')}
        </Button>
        {status === 'in_use' && (
          <Button
            block
            style={big}
            onClick={() =>
              confirm(
                t('申请退库？将提交退库单给资产管理员审批。', 'Ask to return it? A return document goes to the administrator.'),
                'return',
                t('已提交退库申请', 'Return requested'),
              )
            }
          >
            {t('申请退库', 'Ask to return')}
          </Button>
        )}
      </Space>
      {data.reports.length > 0 && (
        <div style={{ marginTop: 16 }}>
          {data.reports.map((r) => (
            <div key={r.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', fontSize: 15 }}>
              <Tag color={r.status === 'open' ? 'orange' : undefined}>{label(REPORT_STATUSES[r.status], locale)}</Tag>
              {label(REPORT_KINDS[r.kind], locale)} · {new Date(r.createdAt).toLocaleDateString()} {r.note ?? ''} {r.docNo ?? ''}
            </div>
          ))}
        </div>
      )}
      <Modal
        open={fault}
        title={t('报修', 'Report a fault')}
        okText={t('提交报修', 'Send')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ disabled: note.trim().length < 2 }}
        onOk={() => void send()}
        onCancel={() => setFault(false)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.TextArea
            rows={4}
            maxLength={1000}
            value={note}
            placeholder={t('描述故障情况，如：开机无显示', 'What is wrong')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="fault-note"
          />
          <label style={{ display: 'block' }}>
            <span style={{ marginRight: 8 }}>{t('照片（可选）', 'Photo (optional)')}</span>
            <input
              type="file"
              accept="image/*"
              capture="environment"
              data-testid="fault-photo"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f)
                  scaled(f)
                    .then(setPhoto)
                    .catch(() => setError(t('照片无法读取', 'The photo cannot be read')));
              }}
            />
          </label>
          {photo && <img src={photo.preview} alt="" style={{ maxWidth: '100%', maxHeight: 200 }} />}
          {error && <Alert type="error" showIcon message={error} />}
        </Space>
      </Modal>
    </div>
  );
}

export default SelfServicePanel;
