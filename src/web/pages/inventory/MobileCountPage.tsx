import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Input, Segmented, Select, Tag } from 'antd';
import { CameraOutlined, CloudSyncOutlined, PictureOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { parseScanCode, type CountSheet } from '../../../shared/inventory.contracts.ts';
import { ApiError } from '../../api/client.ts';
import { countSheet, sendScans } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { readQrImage, scanCamera } from '../../lib/qrScan.ts';
import { dropScans, loadSheet, newKey, pendingScans, queueScan, saveSheet, type QueuedScan } from './offlineQueue.ts';

type Feedback = { ok: boolean; text: string };

/** A short beep and a buzz: the counter knows a scan was taken without looking. */
function signal(ok: boolean) {
  navigator.vibrate?.(ok ? 60 : [60, 60, 60]);
  try {
    const ctx = new AudioContext();
    const o = ctx.createOscillator();
    o.frequency.value = ok ? 880 : 220;
    o.connect(ctx.destination);
    o.start();
    o.stop(ctx.currentTime + 0.12);
  } catch {
    // No audio (autoplay rules): the vibration and the text remain.
  }
}

/**
 * The counter's phone page: downloads the share once and answers every scan from the local copy;
 * scans wait in the browser (IndexedDB) and are sent whenever the network is there. A hardware
 * scanner types the code and Enter: the field is not in a form, so Enter only records the scan.
 */
export default function MobileCountPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const [sheet, setSheet] = useState<CountSheet | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [counted, setCounted] = useState<Set<string>>(new Set());
  const [pending, setPending] = useState(0);
  const [online, setOnline] = useState(navigator.onLine);
  const [roomId, setRoomId] = useState<string | undefined>();
  const [condition, setCondition] = useState<'good' | 'damaged'>('good');
  const [code, setCode] = useState('');
  const [surplus, setSurplus] = useState('');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const syncing = useRef(false);

  const byNo = useMemo(() => new Map((sheet?.items ?? []).map((i) => [i.cardNo.toLowerCase(), i])), [sheet]);
  const byId = useMemo(() => new Map((sheet?.items ?? []).map((i) => [i.cardId, i])), [sheet]);

  const sync = useCallback(async () => {
    if (syncing.current || !navigator.onLine) return;
    syncing.current = true;
    try {
      const queue = await pendingScans(id);
      for (let i = 0; i < queue.length; i += 500) {
        const batch = queue.slice(i, i + 500);
        await sendScans(id, { scans: batch.map(({ countId: _c, ...s }) => s) });
        // Recorded or duplicate alike: the server has them.
        await dropScans(batch.map((s) => s.key));
      }
      setSyncError(null);
    } catch (err) {
      // A refusal (count closed, not a counter) is shown; a network failure just waits for the next try.
      if (err instanceof ApiError) setSyncError(err.message);
    } finally {
      syncing.current = false;
      setPending((await pendingScans(id)).length);
    }
  }, [id]);

  // Installable and offline: the count pages' own manifest and service worker (scope /m/counts/ only).
  useEffect(() => {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/count.webmanifest';
    document.head.appendChild(link);
    navigator.serviceWorker?.register('/count-sw.js', { scope: '/m/counts/' }).catch(() => {
      // No service worker (development server, private mode): the page still works while online.
    });
    // Once the worker controls the page, ask who is signed in through it, so the answer is cached
    // for opening the page with no network (the first visit's answer came before the worker).
    const cacheMe = () => void fetch('/api/auth/me', { credentials: 'same-origin' }).catch(() => undefined);
    navigator.serviceWorker?.addEventListener('controllerchange', cacheMe);
    if (navigator.serviceWorker?.controller) cacheMe();
    return () => {
      link.remove();
      navigator.serviceWorker?.removeEventListener('controllerchange', cacheMe);
    };
  }, []);

  useEffect(() => {
    (async () => {
      let s: CountSheet | undefined;
      try {
        // The share comes in pages of 5,000 cards; the phone keeps them all.
        s = await countSheet(id);
        for (let next = s.next; next; ) {
          const more: CountSheet = await countSheet(id, next);
          s = { ...s, items: [...s.items, ...more.items], next: more.next };
          next = more.next;
        }
        // Pages come in the snapshot's key order; the list shows the cards by number.
        s = { ...s, items: [...s.items].sort((a, b) => (a.cardNo < b.cardNo ? -1 : a.cardNo > b.cardNo ? 1 : 0)) };
        await saveSheet(s);
      } catch (err) {
        s = await loadSheet(id);
        if (!s) setLoadError(err instanceof Error ? err.message : String(err));
      }
      if (!s) return;
      const queue = await pendingScans(id);
      setSheet(s);
      setPending(queue.length);
      const done = new Set(s.items.filter((i) => i.counted).map((i) => i.cardId));
      for (const q of queue) {
        const p = q.code ? parseScanCode(q.code) : {};
        const item = p.cardId ? s.items.find((i) => i.cardId === p.cardId) : s.items.find((i) => i.cardNo === p.cardNo);
        if (item) done.add(item.cardId);
      }
      setCounted(done);
      void sync();
    })();
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [id, sync]);

  const record = async (scan: Omit<QueuedScan, 'countId' | 'key' | 'scannedAt'>) => {
    const q: QueuedScan = { ...scan, countId: id, key: newKey(), roomId, condition, scannedAt: new Date().toISOString() };
    await queueScan(q);
    setPending((n) => n + 1);
    setCondition('good');
    void sync();
  };

  const onCode = async (raw: string) => {
    const text = raw.trim();
    if (!text) return;
    setCode('');
    const p = parseScanCode(text);
    const item = p.cardId ? byId.get(p.cardId) : byNo.get((p.cardNo ?? '').toLowerCase());
    if (item) {
      // A blind recount does not say where the books expect the card.
      const elsewhere = roomId && !sheet?.recount?.blind && item.roomId !== roomId;
      setFeedback({
        ok: true,
        text: `${item.cardNo} ${item.name}${elsewhere ? t(`（账面地点：${item.roomName ?? '未登记'}，记为异位）`, ` (book room: ${item.roomName ?? 'none'}; recorded as elsewhere)`) : ''}`,
      });
      setCounted((s) => new Set(s).add(item.cardId));
      signal(true);
    } else {
      setFeedback({ ok: false, text: t(`${text}：不在本次盘点清单中，已记录待核实`, `${text}: not in this count; recorded for checking`) });
      signal(false);
    }
    await record({ code: text });
  };

  const startCamera = async () => {
    setCamera(true);
    try {
      const stop = await scanCamera(video.current!, (text) => void onCode(text));
      stopRef.current = () => {
        stop();
        setCamera(false);
      };
    } catch {
      setCamera(false);
      setFeedback({
        ok: false,
        text: t('无法打开摄像头，请允许使用摄像头或输入卡片编号', 'Cannot open the camera; allow it or type the number'),
      });
      signal(false);
    }
  };
  // A photo of a label (the camera app, or a picture taken earlier).
  const photo = useRef<HTMLInputElement>(null);
  const decodePhoto = async (file: File) => {
    const text = await readQrImage(file);
    if (text) return onCode(text);
    setFeedback({
      ok: false,
      text: t('照片中没有识别到标签二维码，请重拍或输入卡片编号', 'No label code found in the photo; retake it or type the number'),
    });
    signal(false);
  };
  const stopRef = useRef<() => void>(() => setCamera(false));
  useEffect(() => () => stopRef.current(), []);

  if (loadError)
    return (
      <Alert type="error" style={{ margin: 16 }} title={t('无法下载盘点清单', 'Cannot download the count sheet')} description={loadError} />
    );
  if (!sheet) return <div style={{ padding: 24 }}>{t('正在下载盘点清单…', 'Downloading the count sheet…')}</div>;
  const left = sheet.items.filter((i) => !counted.has(i.cardId));
  const here = roomId ? left.filter((i) => i.roomId === roomId) : left;
  const big = { fontSize: 18, height: 48 } as const;
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
      <div style={{ fontSize: 20, fontWeight: 600 }}>{sheet.title}</div>
      <div style={{ margin: '6px 0 10px', display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Tag color={online ? 'green' : 'red'}>{online ? t('在线', 'Online') : t('离线', 'Offline')}</Tag>
        <Tag color={pending ? 'orange' : 'default'} data-testid="pending">
          {t(`待同步 ${pending}`, `${pending} to sync`)}
        </Tag>
        {sheet.share === 'recount' && (
          <Tag color="purple">{sheet.recount?.blind ? t('复盘（盲盘）', 'Recount (blind)') : t('复盘', 'Recount')}</Tag>
        )}
        {sheet.share === 'rooms' && <Tag color="blue">{t('本人分工的房间', 'My rooms')}</Tag>}
        <Tag data-testid="progress">
          {t(
            `已盘 ${sheet.items.length - left.length} / ${sheet.items.length}`,
            `${sheet.items.length - left.length} of ${sheet.items.length} counted`,
          )}
        </Tag>
        {pending > 0 && online && (
          <Button size="small" icon={<CloudSyncOutlined />} onClick={() => void sync()}>
            {t('立即同步', 'Sync now')}
          </Button>
        )}
      </div>
      {syncError && <Alert type="error" showIcon title={syncError} style={{ marginBottom: 8 }} />}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('先选择所在房间', 'First choose the room you are in')}
        value={roomId}
        onChange={setRoomId}
        options={sheet.rooms.map((r) => ({ value: r.id, label: r.name }))}
        style={{ width: '100%', marginBottom: 8 }}
        size="large"
      />
      <Segmented
        block
        value={condition}
        onChange={(v) => setCondition(v as 'good' | 'damaged')}
        options={[
          { value: 'good', label: t('完好', 'Good') },
          { value: 'damaged', label: t('损坏', 'Damaged') },
        ]}
        style={{ marginBottom: 8 }}
      />
      <Input
        autoFocus
        aria-label={t('卡片编号', 'Card number')}
        placeholder={t('扫描标签或输入卡片编号，回车确认', 'Scan a label or type the card number, then Enter')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        onPressEnter={(e) => {
          e.preventDefault();
          void onCode(code);
        }}
        style={big}
      />
      <Button
        block
        icon={<CameraOutlined />}
        style={{ ...big, marginTop: 8 }}
        onClick={() => (camera ? stopRef.current() : void startCamera())}
      >
        {camera ? t('关闭摄像头', 'Stop the camera') : t('摄像头扫码', 'Scan with the camera')}
      </Button>
      <Button block icon={<PictureOutlined />} style={{ ...big, marginTop: 8 }} onClick={() => photo.current?.click()}>
        {t('识别标签照片', 'Read a photo of a label')}
      </Button>
      <input
        ref={photo}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        data-testid="label-photo"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void decodePhoto(f);
        }}
      />
      <video ref={video} style={{ width: '100%', display: camera ? 'block' : 'none', marginTop: 8 }} muted playsInline />
      {feedback && (
        <Alert
          data-testid="feedback"
          type={feedback.ok ? 'success' : 'warning'}
          title={feedback.text}
          style={{ marginTop: 8, fontSize: 18 }}
        />
      )}
      <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
        <Input
          placeholder={t('无卡片资产名称（盘盈）', 'Item without a card (surplus)')}
          value={surplus}
          onChange={(e) => setSurplus(e.target.value)}
          onPressEnter={(e) => e.preventDefault()}
        />
        <Button
          disabled={!surplus.trim()}
          onClick={() => {
            void record({ surplusName: surplus.trim() });
            setFeedback({ ok: true, text: t(`已记录盘盈：${surplus.trim()}`, `Surplus recorded: ${surplus.trim()}`) });
            setSurplus('');
          }}
        >
          {t('记录盘盈', 'Record')}
        </Button>
      </div>
      <div style={{ marginTop: 16, fontWeight: 600 }}>
        {roomId ? t(`本房间未盘 ${here.length}`, `${here.length} left in this room`) : t(`未盘 ${left.length}`, `${left.length} left`)}
      </div>
      <div data-testid="left">
        {here.slice(0, 200).map((i) => (
          <div key={i.cardId} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ fontSize: 16 }}>{i.name}</div>
            <div style={{ color: '#888' }}>
              {i.cardNo}
              {sheet.recount?.blind ? '' : ` · ${i.roomName ?? t('未登记地点', 'no room')}`}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}
