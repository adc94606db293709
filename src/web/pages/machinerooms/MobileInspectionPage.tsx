import { useRef, useState } from 'react';
import { Alert, App, Button, Card, Input, InputNumber, Radio, Result, Space, Spin, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { INSPECTION_CATEGORIES } from '../../../shared/machinerooms.contracts.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { completeInspection, useInspection } from './api.ts';
import { labelOf } from './labels.ts';
import { rangeText } from './InspectionsPage.tsx';

type Entry = { value?: number | null; ok?: boolean; note?: string };

/** A phone photo scaled to at most 1600 px on its long side, as JPEG base64 (the server takes ≤ 3 MB). */
async function shrink(file: File): Promise<{ contentType: 'image/jpeg'; dataBase64: string; preview: string }> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const preview = canvas.toDataURL('image/jpeg', 0.8);
  return { contentType: 'image/jpeg', dataBase64: preview.slice(preview.indexOf(',') + 1), preview };
}

/** The vendor's phone page for one round: big inputs per checklist item, out-of-range shown at once, a photo, one submit. */
export default function MobileInspectionPage() {
  const id = useParams().id!;
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const q = useInspection(id);
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<Awaited<ReturnType<typeof shrink>> | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<Awaited<ReturnType<typeof completeInspection>> | null>(null);
  const camera = useRef<HTMLInputElement>(null);
  const set = (itemId: string, e: Entry) => setEntries((x) => ({ ...x, [itemId]: { ...x[itemId], ...e } }));

  if (q.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (q.error) return <Alert type="error" style={{ margin: 16 }} title={(q.error as Error).message} />;
  const d = done ?? q.data!;
  if (d.doneAt)
    return (
      <Result
        status={d.anomalies ? 'warning' : 'success'}
        title={t('巡检已记录', 'Inspection recorded')}
        subTitle={`${d.roomName} ${d.dueOn}${d.anomalies ? t(`，${d.anomalies} 项异常`, `, ${d.anomalies} anomalies`) : ''}`}
        extra={<Link to="/inspections">{t('返回巡检列表', 'Back to the list')}</Link>}
      />
    );
  const items = d.checklist;
  const outOf = (i: (typeof items)[number]) => {
    const e = entries[i.id];
    if (i.kind === 'check') return e?.ok === false;
    const v = e?.value;
    return v != null && ((i.minValue !== null && v < i.minValue) || (i.maxValue !== null && v > i.maxValue));
  };
  const submit = async () => {
    if (!photo) {
      setErrors({ photo: t('请拍摄现场照片', 'Take a photo') });
      return;
    }
    setSaving(true);
    try {
      const saved = await completeInspection(id, {
        readings: items.map((i) => ({ itemId: i.id, ...entries[i.id] })),
        note: note || null,
        photo: { contentType: photo.contentType, dataBase64: photo.dataBase64 },
      });
      message.success(t('已提交', 'Submitted'));
      setDone(saved);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setErrors(e.fields);
      else message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {d.roomName} {t('巡检', 'inspection')} {d.dueOn}
      </Typography.Title>
      <Typography.Paragraph type={d.status === 'missed' ? 'danger' : 'secondary'}>
        {t('截止', 'Due by')} {formatDateTime(d.dueAt)}
        {d.status === 'missed' && t('（已过截止时间，将记为漏检）', ' (past due: counted as missed)')}
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((i, n) => {
          const err = errors[`readings.${n}.value`] ?? errors[`readings.${n}.ok`];
          return (
            <Card key={i.id} size="small" style={outOf(i) ? { borderColor: '#ff4d4f' } : undefined}>
              <Typography.Text type="secondary">{labelOf(INSPECTION_CATEGORIES, i.category, locale)}</Typography.Text>
              <div style={{ fontSize: 16, margin: '4px 0 8px' }}>{i.label}</div>
              {i.kind === 'reading' ? (
                <InputNumber
                  size="large"
                  inputMode="decimal"
                  style={{ width: '100%' }}
                  addonAfter={i.unit}
                  placeholder={t(`正常范围 ${rangeText(i)}`, `Normal ${rangeText(i)}`)}
                  status={outOf(i) || err ? 'error' : undefined}
                  value={entries[i.id]?.value ?? null}
                  onChange={(v) => set(i.id, { value: v === null ? null : Number(v) })}
                />
              ) : (
                <Radio.Group
                  size="large"
                  buttonStyle="solid"
                  value={entries[i.id]?.ok}
                  onChange={(e) => set(i.id, { ok: e.target.value })}
                  options={[
                    { value: true, label: t('正常', 'Normal') },
                    { value: false, label: t('异常', 'Abnormal') },
                  ]}
                  optionType="button"
                />
              )}
              {outOf(i) && (
                <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
                  {i.kind === 'reading' ? t(`超出正常范围（${rangeText(i)}）`, `Out of range (${rangeText(i)})`) : t('异常', 'Abnormal')}
                </Typography.Text>
              )}
              {outOf(i) && (
                <Input
                  style={{ marginTop: 8 }}
                  placeholder={t('异常说明', 'What is wrong')}
                  maxLength={200}
                  value={entries[i.id]?.note}
                  onChange={(e) => set(i.id, { note: e.target.value })}
                />
              )}
              {err && <Typography.Text type="danger">{err}</Typography.Text>}
            </Card>
          );
        })}
        <Card size="small">
          <Button icon={<CameraOutlined />} size="large" block onClick={() => camera.current?.click()}>
            {photo ? t('重拍现场照片', 'Retake the photo') : t('拍摄现场照片', 'Take a photo')}
          </Button>
          <input
            ref={camera}
            type="file"
            accept="image/*"
            capture="environment"
            style={{ display: 'none' }}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setPhoto(await shrink(f));
            }}
          />
          {photo && <img src={photo.preview} alt="" style={{ width: '100%', marginTop: 8 }} />}
          {errors.photo && <Typography.Text type="danger">{errors.photo}</Typography.Text>}
        </Card>
        <Input.TextArea
          placeholder={t('巡检说明（可选）', 'Notes (optional)')}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button type="primary" size="large" block loading={saving} onClick={submit}>
          {t('提交巡检记录', 'Submit')}
        </Button>
      </Space>
    </div>
  );
}
