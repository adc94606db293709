import { useState } from 'react';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Modal, Select, Space, Steps, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import {
  LINK_KINDS,
  POINT_SHEET_COLUMNS,
  POINT_STATUSES,
  type PointImportReport,
  type PointView,
} from '../../../shared/machinerooms.points.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ExcelUpload } from '../../components/ExcelUpload.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { importPoints, POINTS_URL, useMachineRoomList, usePointTrace } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';

const STATUS_COLOR: Record<string, string> = { active: 'green', spare: 'default', faulty: 'red', removed: 'default' };

/** A point's cabling from the office port to the switch port, hop by hop. */
function TraceDrawer({ point, onClose }: { point: PointView | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const trace = usePointTrace(point?.id ?? null);
  const kindLabel = { office: t('办公室端口', 'Office port'), panel: t('配线架', 'Patch panel'), switch: t('交换机', 'Switch') };
  return (
    <Drawer open={!!point} onClose={onClose} size={480} title={t(`链路追踪：${point?.code ?? ''}`, `Trace: ${point?.code ?? ''}`)}>
      {trace.data && (
        <>
          {trace.data.switchPort ? (
            <Alert
              type="success"
              data-testid="trace-switch"
              title={t(
                `接入交换机 ${trace.data.switchPort.device} 端口 ${trace.data.switchPort.port}`,
                `Reaches switch ${trace.data.switchPort.device} port ${trace.data.switchPort.port}`,
              )}
            />
          ) : (
            <Alert type="warning" title={t('未跳接到交换机', 'Not patched to a switch')} />
          )}
          <Steps
            direction="vertical"
            size="small"
            style={{ marginTop: 16 }}
            current={trace.data.hops.length}
            items={trace.data.hops.map((h) => ({
              title: `${kindLabel[h.kind]} ${h.device} · ${h.port}`,
              description: [
                h.rackCode ? t(`机柜 ${h.rackCode}`, `Rack ${h.rackCode}`) : null,
                h.via ? labelOf(LINK_KINDS, h.via, locale) : null,
              ]
                .filter(Boolean)
                .join('　'),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

function ImportButton({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [report, setReport] = useState<PointImportReport | null>(null);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => (setReport(null), setOpen(true))}>
        {t('导入登记表', 'Import register')}
      </Button>
      <Modal
        open={open}
        title={t('导入信息点登记表', 'Import the point register')}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {t('Excel（.xlsx）或 CSV，首行为表头，列：', 'Excel (.xlsx) or CSV with a header row; columns: ')}
          <code>{POINT_SHEET_COLUMNS.join('、')}</code>
          {t('。按编号新增或更新，交换机端口一并跳接；任何一行有误则整个文件不写入。', '. Any wrong row writes nothing.')}
        </Typography.Paragraph>
        <ExcelUpload<PointImportReport>
          upload={importPoints}
          accept=".xlsx,.csv"
          onUploaded={(r) => {
            setReport(r);
            if (!r.errors.length) onDone();
          }}
        />
        {report &&
          (report.errors.length ? (
            <Alert
              type="error"
              style={{ marginTop: 12 }}
              title={t('未导入，请修改后重新上传', 'Nothing imported; fix and upload again')}
              description={report.errors.map((e) => `${t('第', 'Row ')}${e.row}${t(' 行：', ': ')}${e.message}`).join('\n')}
            />
          ) : (
            <Alert
              type="success"
              style={{ marginTop: 12 }}
              title={t(`新增 ${report.created} 个，更新 ${report.updated} 个`, `${report.created} created, ${report.updated} updated`)}
            />
          ))}
      </Modal>
    </>
  );
}

/** 信息点: the register as the caller may see it (a unit its own, a vendor its rooms'), with each point's trace. */
export default function PointsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const invalidate = useInvalidateList();
  const rooms = useMachineRoomList();
  const [roomId, setRoomId] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [traced, setTraced] = useState<PointView | null>(null);
  const columns: TableColumnsType<PointView> = [
    { title: t('编号', 'Code'), dataIndex: 'code', key: 'code', sorter: true },
    { title: t('机房', 'Room'), dataIndex: 'roomName' },
    { title: t('机柜', 'Rack'), dataIndex: 'rackCode' },
    { title: t('配线架端口', 'Panel port'), render: (_, r) => `${r.panel} · ${r.panelPort}` },
    { title: t('服务单位', 'Unit'), dataIndex: 'unitName', key: 'unit', sorter: true },
    { title: t('办公室端口', 'Office port'), render: (_, r) => [r.officeRoomCode, r.officePort].filter(Boolean).join(' · ') },
    { title: 'VLAN', dataIndex: 'vlan' },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      render: (s: string) => <Tag color={STATUS_COLOR[s]}>{labelOf(POINT_STATUSES, s, locale)}</Tag>,
    },
    {
      title: '',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setTraced(r)}>
          {t('链路追踪', 'Trace')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('信息点', 'Information points')}
        extra={
          <Space>
            <Button icon={<DownloadOutlined />} href={`${POINTS_URL}/export.xlsx${roomId ? `?machineRoomId=${roomId}` : ''}`}>
              {t('导出登记表', 'Export register')}
            </Button>
            {can('machineroom.manage') && <ImportButton onDone={() => invalidate(POINTS_URL)} />}
          </Space>
        }
      />
      <ServerTable<PointView>
        url={POINTS_URL}
        columns={columns}
        filters={{ machineRoomId: roomId, status }}
        search={t('编号、端口或单位', 'Code, port or unit')}
        toolbar={
          <Space>
            {can('machineroom.read') && (
              <Select
                allowClear
                placeholder={t('机房', 'Room')}
                style={{ width: 200 }}
                value={roomId}
                onChange={setRoomId}
                options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            )}
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 140 }}
              value={status}
              onChange={setStatus}
              options={optionsOf(POINT_STATUSES, locale)}
            />
          </Space>
        }
      />
      <TraceDrawer point={traced} onClose={() => setTraced(null)} />
    </>
  );
}
