import { useMemo, useState } from 'react';
import { Button, DatePicker, Empty, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { calendar, listResources } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RESOURCE_KINDS, type CalendarBlock, type ResourceKind, type ResourceView } from '../../../shared/sharing.contracts.ts';
import { BookingModal } from './BookingModal.tsx';
import { clockOf, dayOf, fromMinutes, toMinutes } from './sharing.hooks.ts';
import { businessDay } from '../../lib/dates.ts';

const HOUR_PX = 56;

/**
 * 预订日历: the free/busy grid across resources. Day view: one row per resource on an hour ruler,
 * its bookings as bars (the caller's own with their subject, others' as 已占用 with the unit);
 * clicking a free slot opens the booking form there. Week view: each day's taken times per resource.
 */
export default function CalendarPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const qc = useQueryClient();
  // ?date=YYYY-MM-DD&kind=room&resource=<id> open the grid there (links from elsewhere, bookmarks).
  const [params] = useSearchParams();
  const [date, setDate] = useState(
    /^\d{4}-\d{2}-\d{2}$/.test(params.get('date') ?? '') ? params.get('date')! : businessDay().format('YYYY-MM-DD'),
  );
  const [days, setDays] = useState<1 | 7>(1);
  const [kind, setKind] = useState<string | undefined>(params.get('kind') ?? undefined);
  // One resource's own calendar, or every resource (of the kind).
  const [resourceId, setResourceId] = useState<string | undefined>(params.get('resource') ?? undefined);
  const [booking, setBooking] = useState<{ resource: ResourceView; day: string; from: string } | null>(null);
  const cal = useQuery({
    queryKey: ['sharing-calendar', date, days, kind ?? '', resourceId ?? ''],
    queryFn: () => calendar({ date, days, kind: kind as ResourceKind | undefined, resourceId }),
  });
  const catalogue = useQuery({
    queryKey: ['sharing-resources', 'calendar', kind ?? ''],
    queryFn: () => listResources({ kind: kind as ResourceKind | undefined }),
  });
  const canBook = session.can('sharing.book');
  const resources = cal.data?.resources ?? [];
  // Grouped once per answer: a week across 200 resources carries some 4,000 blocks.
  const byResource = useMemo(() => {
    const m = new Map<string, CalendarBlock[]>();
    for (const b of cal.data?.blocks ?? []) m.set(b.resourceId, [...(m.get(b.resourceId) ?? []), b]);
    return m;
  }, [cal.data]);
  const blocksOf = (id: string) => byResource.get(id) ?? [];
  const dayFrom = Math.min(...resources.map((r) => toMinutes(r.openFrom)), 8 * 60);
  const dayTo = Math.max(...resources.map((r) => toMinutes(r.openTo)), 18 * 60);
  const hours = Array.from({ length: Math.ceil((dayTo - dayFrom) / 60) }, (_, i) => dayFrom + i * 60);
  const px = (m: number) => ((m - dayFrom) / 60) * HOUR_PX;
  const minuteOf = (iso: string) => (dayOf(iso) < date ? 0 : dayOf(iso) > date ? 1440 : toMinutes(clockOf(iso)));

  const bar = (b: CalendarBlock) => {
    const from = Math.max(minuteOf(b.startsAt), dayFrom);
    const to = Math.min(minuteOf(b.endsAt) || 1440, dayTo);
    const label = b.own ? b.title : t('已占用', 'Taken');
    return (
      <Tooltip key={b.bookingNo} title={`${b.bookingNo} ${clockOf(b.startsAt)}–${clockOf(b.endsAt)} ${b.unitName} ${b.title ?? ''}`}>
        <div
          data-testid="calendar-block"
          onClick={(e) => e.stopPropagation()}
          style={{
            position: 'absolute',
            top: 4,
            bottom: 4,
            left: px(from),
            width: Math.max(px(to) - px(from) - 2, 4),
            background: b.status === 'pending' ? '#fff7e6' : b.own ? '#e6f4ff' : '#f0f0f0',
            border: `1px solid ${b.status === 'pending' ? '#ffd591' : b.own ? '#91caff' : '#d9d9d9'}`,
            borderRadius: 4,
            padding: '0 4px',
            overflow: 'hidden',
            whiteSpace: 'nowrap',
            fontSize: 12,
            lineHeight: '20px',
          }}
        >
          {clockOf(b.startsAt)} {label} · {b.unitName}
          {b.status === 'pending' ? ` (${t('待审批', 'pending')})` : ''}
        </div>
      </Tooltip>
    );
  };

  const clickRow = (r: ResourceView, e: React.MouseEvent<HTMLDivElement>) => {
    if (!canBook) return;
    const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
    const minute = dayFrom + (x / HOUR_PX) * 60;
    const open = toMinutes(r.openFrom);
    const slot = open + Math.floor((minute - open) / r.slotMinutes) * r.slotMinutes;
    if (slot < open || slot >= toMinutes(r.openTo)) return;
    setBooking({ resource: r, day: date, from: fromMinutes(slot) });
  };

  const weekDays = Array.from({ length: 7 }, (_, i) => dayjs(date).add(i, 'day').format('YYYY-MM-DD'));

  return (
    <div>
      <PageHeader
        title={t('预订日历', 'Booking calendar')}
        subTitle={t(
          '会议室、共享设备、公务用车、服务窗口的占用情况；点击空闲时段即可预订',
          'Free/busy across shared resources; click a free slot to book',
        )}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button icon={<LeftOutlined />} onClick={() => setDate(dayjs(date).subtract(days, 'day').format('YYYY-MM-DD'))} />
        <DatePicker
          allowClear={false}
          value={dayjs(date)}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          data-testid="calendar-date"
        />
        <Button icon={<RightOutlined />} onClick={() => setDate(dayjs(date).add(days, 'day').format('YYYY-MM-DD'))} />
        <Button onClick={() => setDate(businessDay().format('YYYY-MM-DD'))}>{t('今天', 'Today')}</Button>
        <Segmented
          value={days}
          onChange={(v) => setDays(v as 1 | 7)}
          options={[
            { value: 1, label: t('日', 'Day') },
            { value: 7, label: t('周', 'Week') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('全部类型', 'All kinds')}
          style={{ width: 160 }}
          value={kind}
          onChange={(k) => {
            setKind(k);
            setResourceId(undefined);
          }}
          options={Object.entries(RESOURCE_KINDS).map(([k, v]) => ({ value: k, label: locale === 'en' ? v[1] : v[0] }))}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('全部资源', 'All resources')}
          style={{ width: 220 }}
          value={resourceId}
          onChange={setResourceId}
          data-testid="calendar-resource"
          options={(catalogue.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
        />
      </Space>
      {resources.length === 0 && !cal.isLoading && <Empty description={t('没有可预订的资源', 'No bookable resources')} />}
      {days === 1 && resources.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <div style={{ display: 'flex', marginLeft: 220, height: 24 }}>
            {hours.map((h) => (
              <div key={h} style={{ width: HOUR_PX, flex: 'none', fontSize: 12, color: '#888' }}>
                {fromMinutes(h)}
              </div>
            ))}
          </div>
          {resources.map((r) => (
            <div key={r.id} style={{ display: 'flex', borderTop: '1px solid #f0f0f0' }} data-testid={`calendar-row-${r.code}`}>
              <div style={{ width: 220, flex: 'none', padding: '4px 8px' }}>
                <Typography.Text strong>{r.name}</Typography.Text>
                <div style={{ fontSize: 12, color: '#888' }}>
                  <Tag style={{ marginRight: 4 }}>{RESOURCE_KINDS[r.kind][locale === 'en' ? 1 : 0]}</Tag>
                  {r.capacity ? t(`${r.capacity} 人`, `${r.capacity} seats`) : ''}
                  {r.needsApproval ? ` · ${t('需审批', 'approval')}` : ''}
                </div>
              </div>
              <div
                role="presentation"
                data-testid={`calendar-lane-${r.code}`}
                onClick={(e) => clickRow(r, e)}
                style={{
                  position: 'relative',
                  height: 52,
                  width: hours.length * HOUR_PX,
                  flex: 'none',
                  cursor: canBook ? 'pointer' : 'default',
                  backgroundImage: `repeating-linear-gradient(to right, #f0f0f0 0 1px, transparent 1px ${HOUR_PX}px)`,
                }}
              >
                {blocksOf(r.id).map(bar)}
              </div>
            </div>
          ))}
        </div>
      )}
      {days === 7 && resources.length > 0 && (
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left', padding: 4 }}>{t('资源', 'Resource')}</th>
              {weekDays.map((d) => (
                <th key={d} style={{ textAlign: 'left', padding: 4 }}>
                  {d.slice(5)} {['日', '一', '二', '三', '四', '五', '六'][dayjs(d).day()]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.id} style={{ borderTop: '1px solid #f0f0f0' }}>
                <td style={{ padding: 4 }}>{r.name}</td>
                {weekDays.map((d) => (
                  <td key={d} style={{ padding: 4, verticalAlign: 'top', fontSize: 12 }}>
                    {blocksOf(r.id)
                      .filter((b) => dayOf(b.startsAt) === d)
                      .map((b) => (
                        <div key={b.bookingNo}>
                          <Tag color={b.status === 'pending' ? 'orange' : b.own ? 'blue' : undefined}>
                            {clockOf(b.startsAt)}–{clockOf(b.endsAt)} {b.own ? b.title : b.unitName}
                          </Tag>
                        </div>
                      ))}
                    {canBook && (
                      <Button size="small" type="link" onClick={() => setBooking({ resource: r, day: d, from: r.openFrom })}>
                        {t('预订', 'Book')}
                      </Button>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {booking && (
        <BookingModal
          resource={booking.resource}
          start={{ day: booking.day, from: booking.from }}
          onClose={(saved) => {
            setBooking(null);
            if (saved) {
              void qc.invalidateQueries({ queryKey: ['sharing-calendar'] });
              void qc.invalidateQueries({ queryKey: ['list', '/api/bookings'] });
            }
          }}
        />
      )}
    </div>
  );
}
