import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Input, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { CalendarDay, CalendarKind } from '../../../shared/machinerooms.points.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ExcelUpload } from '../../components/ExcelUpload.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { businessYear } from '../../lib/dates.ts';
import { calendarXlsxUrl, importCalendar, machineRoomKeys, saveCalendarYear, useCalendarYear } from './api.ts';

const KIND_LABEL: Record<CalendarKind, [string, string]> = { holiday: ['休', 'Off'], workday: ['班', 'Work'] };
const KIND_COLOR: Record<CalendarKind, string> = { holiday: '#ffccc7', workday: '#d9f7be' };
const pad = (n: number) => String(n).padStart(2, '0');
/** ISO weekday (1 = Monday) of a calendar date, computed on the date alone (no time zone). */
const isoWeekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * SLA 工作日历: a year at a glance where the committee marks public holidays (休) and adjusted working
 * days (班, 调休). A click on a day cycles it: normal → holiday → working day → normal. The year is
 * saved as a whole (after asking), imported from Excel or exported. Business-hours SLA clocks count
 * these days: a holiday counts nothing, a weekend day worked counts its business hours.
 */
export default function CalendarPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const manage = can('machineroom.manage');
  const qc = useQueryClient();
  const [year, setYear] = useState(businessYear());
  const stored = useCalendarYear(year);
  const [days, setDays] = useState<Map<string, CalendarDay>>(new Map());
  const [dirty, setDirty] = useState(false);
  const [importing, setImporting] = useState(false);
  useEffect(() => {
    setDays(new Map((stored.data?.days ?? []).map((d) => [d.day, d])));
    setDirty(false);
  }, [stored.data]);

  const cycle = (day: string, weekend: boolean) => {
    if (!manage) return;
    const next = new Map(days);
    const cur = next.get(day)?.kind;
    // A weekend day is off anyway: it cycles to a working day and back; a weekday to a holiday and back.
    if (cur) next.delete(day);
    else if (weekend) next.set(day, { day, kind: 'workday', name: '调休上班' });
    else next.set(day, { day, kind: 'holiday', name: '节假日' });
    setDays(next);
    setDirty(true);
  };
  const rename = (day: string, name: string) => {
    const next = new Map(days);
    next.set(day, { ...next.get(day)!, name });
    setDays(next);
    setDirty(true);
  };
  const list = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  const refresh = () => qc.invalidateQueries({ queryKey: machineRoomKeys.calendar(year) });

  const month = (m: number) => {
    const first = isoWeekday(year, m, 1);
    const cells: (number | null)[] = [...Array(first - 1).fill(null), ...Array.from({ length: daysIn(year, m) }, (_, i) => i + 1)];
    return (
      <Col key={m} xs={24} sm={12} md={8} lg={6}>
        <Card size="small" title={t(`${m} 月`, `Month ${m}`)} style={{ marginBottom: 12 }}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center', fontSize: 12 }}>
            {['一', '二', '三', '四', '五', '六', '日'].map((w) => (
              <div key={w} style={{ color: '#999' }}>
                {w}
              </div>
            ))}
            {cells.map((d, i) => {
              if (!d) return <div key={`e${i}`} />;
              const day = `${year}-${pad(m)}-${pad(d)}`;
              const weekend = isoWeekday(year, m, d) >= 6;
              const mark = days.get(day);
              return (
                <div
                  key={day}
                  data-day={day}
                  title={mark ? `${day} ${mark.name}` : day}
                  onClick={() => cycle(day, weekend)}
                  style={{
                    cursor: manage ? 'pointer' : 'default',
                    borderRadius: 4,
                    padding: '2px 0',
                    background: mark ? KIND_COLOR[mark.kind] : undefined,
                    color: weekend && mark?.kind !== 'workday' ? '#cf1322' : undefined,
                  }}
                >
                  {d}
                  {mark && <sup>{t(...KIND_LABEL[mark.kind])}</sup>}
                </div>
              );
            })}
          </div>
        </Card>
      </Col>
    );
  };

  return (
    <>
      <PageHeader
        title={t('SLA 工作日历', 'SLA working calendar')}
        subTitle={t(
          '法定节假日与调休上班日：工作时间计时的 SLA 按此计算',
          'Public holidays and adjusted working days for business-hours SLA clocks',
        )}
        extra={
          <Space>
            <InputNumber
              aria-label="year"
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => {
                if (dirty && !window.confirm(t('本年的修改尚未保存，确定切换年份？', 'Leave this year without saving?'))) return;
                if (v) setYear(v);
              }}
            />
            <Button icon={<DownloadOutlined />} href={calendarXlsxUrl(year)}>
              {t('导出 Excel', 'Export to Excel')}
            </Button>
            {manage && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                {t('从 Excel 导入', 'Import from Excel')}
              </Button>
            )}
            {manage && (
              <ConfirmButton
                type="primary"
                disabled={!dirty}
                confirm={t(`保存 ${year} 年的节假日与调休？`, `Save the holidays of ${year}?`)}
                description={t(
                  '整年替换；已报修工单的时限不变，新工单按新日历计时。',
                  'Replaces the year; deadlines already set stay, new work orders follow it.',
                )}
                onConfirm={async () => {
                  await saveCalendarYear(year, { days: list });
                  setDirty(false);
                  await refresh();
                }}
                successMessage={t('已保存', 'Saved')}
              >
                {t('保存', 'Save')}
              </ConfirmButton>
            )}
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">
        {t(
          '点击日期切换：工作日 → 节假日（休）→ 恢复；周末 → 调休上班（班）→ 恢复。',
          'Click a day: a weekday becomes a holiday and back; a weekend day becomes a working day and back.',
        )}
      </Typography.Paragraph>
      <Row gutter={12}>{Array.from({ length: 12 }, (_, i) => month(i + 1))}</Row>
      <Card size="small" title={t(`${year} 年标记的日期（${list.length}）`, `Marked days of ${year} (${list.length})`)}>
        <Table<CalendarDay>
          rowKey="day"
          size="small"
          pagination={false}
          loading={stored.isFetching}
          dataSource={list}
          columns={[
            { title: t('日期', 'Day'), dataIndex: 'day', width: 130 },
            {
              title: t('类型', 'Kind'),
              dataIndex: 'kind',
              width: 120,
              render: (k: CalendarKind) => (
                <Tag color={k === 'holiday' ? 'red' : 'green'}>
                  {k === 'holiday' ? t('节假日', 'Holiday') : t('调休上班', 'Working day')}
                </Tag>
              ),
            },
            {
              title: t('名称', 'Name'),
              dataIndex: 'name',
              render: (v: string, r) =>
                manage ? <Input value={v} maxLength={50} onChange={(e) => rename(r.day, e.target.value)} style={{ maxWidth: 240 }} /> : v,
            },
          ]}
        />
      </Card>
      <Modal
        open={importing}
        title={t(`导入 ${year} 年的节假日与调休`, `Import ${year}`)}
        footer={null}
        onCancel={() => setImporting(false)}
      >
        <Typography.Paragraph>
          {t(
            'Excel（.xlsx）或 CSV，首行为表头，列：日期（YYYY-MM-DD）、类型（节假日 / 调休上班）、名称。导入将整年替换。',
            'Excel (.xlsx) or CSV with a header row; columns: date, kind (节假日 / 调休上班), name. The import replaces the year.',
          )}
        </Typography.Paragraph>
        <ExcelUpload
          accept=".xlsx,.csv"
          upload={(file) => importCalendar(year, file)}
          onUploaded={(r) => {
            message.success(t(`已导入 ${r.days.length} 天`, `${r.days.length} days imported`));
            setImporting(false);
            void refresh();
          }}
        />
      </Modal>
    </>
  );
}
