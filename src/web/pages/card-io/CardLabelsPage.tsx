import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Segmented, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import QRCode from 'qrcode';
import { LABELS_MAX, LABEL_STOCKS, type LabelCard, type LabelStock, type LabelsResponse } from '../../../shared/card-io.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { errorText } from '../../components/errors.ts';
import { LABEL_IDS_PER_REQUEST, takeStoredSelection } from '../../lib/labelSelection.ts';
import { getLabelCards, type LabelsQuery } from './api.ts';

const STOCK_KEY = 'gongwu.labelStock';
const isStock = (s: unknown): s is LabelStock => typeof s === 'string' && s in LABEL_STOCKS;

/** Where a label's QR leads: the phone page of the card. */
export const cardMobileUrl = (id: string) => `${window.location.origin}/m/cards/${id}`;

/** Sizes inside one label, in mm, derived from the stock so every stock stays legible. */
function layout(stock: LabelStock, cardNo: string) {
  const { width, height } = LABEL_STOCKS[stock];
  const pad = 2;
  const base = height >= 40 ? 3.2 : 2.6;
  // The card number runs across the whole label at the bottom, as large as its length allows.
  const noFont = Math.min(base * 1.25, (width - 2 * pad) / (cardNo.length * 0.62));
  const noLine = noFont * 1.3;
  const qr = Math.min(height - 2 * pad - noLine - 1, width * 0.42);
  return { width, height, pad, qr, base, noFont, noLine };
}

function Label({ card, stock, qr }: { card: LabelCard; stock: LabelStock; qr?: string }) {
  const l = layout(stock, card.cardNo);
  const clip = { overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' } as const;
  return (
    <div
      className="gw-label"
      style={{
        width: `${l.width}mm`,
        height: `${l.height}mm`,
        padding: `${l.pad}mm`,
        display: 'flex',
        flexDirection: 'column',
        gap: '1mm',
        boxSizing: 'border-box',
        overflow: 'hidden',
        fontFamily: 'sans-serif',
        color: '#000',
        background: '#fff',
      }}
    >
      <div style={{ display: 'flex', gap: '2mm', flex: 1, minHeight: 0 }}>
        {qr ? (
          <img src={qr} alt={card.cardNo} style={{ width: `${l.qr}mm`, height: `${l.qr}mm`, flex: 'none' }} />
        ) : (
          <div style={{ width: `${l.qr}mm`, height: `${l.qr}mm`, flex: 'none' }} />
        )}
        <div
          style={{
            display: 'flex',
            flexDirection: 'column',
            justifyContent: 'space-between',
            minWidth: 0,
            flex: 1,
            fontSize: `${l.base}mm`,
            lineHeight: 1.25,
          }}
        >
          <div style={{ fontWeight: 600, ...clip }}>{card.unitName}</div>
          <div
            style={{
              fontSize: `${l.base * 1.1}mm`,
              overflow: 'hidden',
              display: '-webkit-box',
              WebkitLineClamp: l.height >= 40 ? 3 : 2,
              WebkitBoxOrient: 'vertical',
              wordBreak: 'break-all',
            }}
          >
            {card.name}
          </div>
          <div style={{ fontSize: `${l.base * 0.9}mm`, ...clip }}>{card.date}</div>
        </div>
      </div>
      <div
        style={{
          fontFamily: 'monospace',
          fontWeight: 700,
          fontSize: `${l.noFont}mm`,
          lineHeight: `${l.noLine}mm`,
          textAlign: 'center',
          whiteSpace: 'nowrap',
        }}
      >
        {card.cardNo}
      </div>
    </div>
  );
}

/**
 * 打印标签: one label per card for a selection (?ids=) or a filter (the card list's query), laid out
 * for the chosen stock with CSS @page in mm, each with a QR code of the card's phone page.
 */
export default function CardLabelsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [stock, setStock] = useState<LabelStock>(() => {
    const s = params.get('stock') ?? localStorage.getItem(STOCK_KEY);
    return isStock(s) ? s : '60x40';
  });
  const query = useMemo(() => {
    const q: Record<string, string | string[]> = {};
    for (const key of new Set(params.keys())) {
      if (key === 'stock') continue;
      const all = params.getAll(key);
      q[key] = all.length > 1 ? all : all[0];
    }
    return q;
  }, [params]);
  const { data, isLoading, error } = useQuery({
    queryKey: ['card-labels', query],
    queryFn: async (): Promise<LabelsResponse> => {
      const { sel, ...rest } = query;
      // The address carries the card list's filter as text; the server parses and checks it.
      if (!sel) return getLabelCards(rest as LabelsQuery);
      // A large selection: fetched in slices; like a filter, at most LABELS_MAX labels at once.
      const all = takeStoredSelection(String(sel));
      const ids = all.slice(0, LABELS_MAX);
      const items: LabelCard[] = [];
      for (let i = 0; i < ids.length; i += LABEL_IDS_PER_REQUEST) {
        const part = await getLabelCards({ ids: ids.slice(i, i + LABEL_IDS_PER_REQUEST) });
        items.push(...part.items);
      }
      return { items, total: all.length, truncated: all.length > ids.length };
    },
  });
  const [codes, setCodes] = useState<Record<string, string>>({});
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const out: Record<string, string> = {};
      for (const c of data?.items ?? []) {
        out[c.id] = await QRCode.toDataURL(cardMobileUrl(c.id), { margin: 0, width: 240, errorCorrectionLevel: 'M' });
        if (cancelled) return;
      }
      setCodes(out);
    })();
    return () => {
      cancelled = true;
    };
  }, [data]);

  const l = LABEL_STOCKS[stock];
  const ready = !!data && Object.keys(codes).length === data.items.length;
  return (
    <div className="gw-labels-page">
      <style>{`
        @page { size: ${l.width}mm ${l.height}mm; margin: 0; }
        .gw-label { border: 1px dashed #bbb; margin: 0 8px 8px 0; }
        .gw-labels { display: flex; flex-wrap: wrap; padding: 16px; }
        @media print {
          html, body { margin: 0; padding: 0; background: #fff; }
          .gw-no-print { display: none !important; }
          .gw-labels { display: block; padding: 0; }
          .gw-label { border: none; margin: 0; break-after: page; page-break-after: always; }
          .gw-label:last-child { break-after: auto; page-break-after: auto; }
        }
      `}</style>
      <div className="gw-no-print" style={{ padding: 16, borderBottom: '1px solid #f0f0f0', background: '#fafafa' }}>
        <Space wrap size="large">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('打印资产标签', 'Print asset labels')}
          </Typography.Title>
          <span>
            {t('标签纸', 'Label stock')}：{' '}
            <Segmented<LabelStock>
              value={stock}
              onChange={(v) => {
                setStock(v);
                localStorage.setItem(STOCK_KEY, v);
              }}
              options={(Object.keys(LABEL_STOCKS) as LabelStock[]).map((k) => ({
                value: k,
                label: t(LABEL_STOCKS[k].zh, LABEL_STOCKS[k].en),
              }))}
            />
          </span>
          <Button type="primary" icon={<PrinterOutlined />} disabled={!ready || data.items.length === 0} onClick={() => window.print()}>
            {t('打印', 'Print')}
          </Button>
          {data && <Typography.Text type="secondary">{t(`共 ${data.items.length} 张`, `${data.items.length} labels`)}</Typography.Text>}
        </Space>
        {data?.truncated && (
          <Alert
            style={{ marginTop: 8 }}
            type="warning"
            showIcon
            title={t(
              `共 ${data.total} 张卡片，一次最多打印 ${data.items.length} 张，请缩小范围分批打印。`,
              `${data.total} cards match; at most ${data.items.length} print at once. Narrow the filter and print in batches.`,
            )}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t(
            '打印时请在打印对话框中选择与标签纸相同的纸张尺寸，边距设为“无”，缩放 100%。扫描二维码可在手机上打开卡片。',
            'In the print dialog choose the paper size of the stock, margins "none", scale 100 %. Scanning a QR code opens the card on a phone.',
          )}
        </Typography.Paragraph>
      </div>
      {isLoading && (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <Spin size="large" />
        </div>
      )}
      {error && <Alert style={{ margin: 16 }} type="error" showIcon title={errorText(error)} />}
      {data && data.items.length === 0 && (
        <Alert style={{ margin: 16 }} type="info" showIcon title={t('没有要打印的卡片', 'No cards to print')} />
      )}
      <div className="gw-labels">
        {data?.items.map((c) => (
          <Label key={c.id} card={c} stock={stock} qr={codes[c.id]} />
        ))}
      </div>
    </div>
  );
}
