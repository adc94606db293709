import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, InputNumber, Space, Table } from 'antd';
import dayjs from 'dayjs';
import { App } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { saveWorkloads, useOwnUnit, useWorkloads } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

/** 工作量录入: the month's workload of each units-of-production card, entered before the run. */
export default function WorkloadPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const own = useOwnUnit('depreciation.read');
  const showError = useShowError();
  const [month, setMonth] = useState(businessDay().format('YYYY-MM'));
  const [unitId, setUnitId] = useState<string | undefined>(own.unitId);
  const [edits, setEdits] = useState<Record<string, number | null>>({});
  const [saving, setSaving] = useState(false);
  const list = useWorkloads(unitId, month);
  useEffect(() => setEdits({}), [unitId, month]);

  const save = async () => {
    const items = Object.entries(edits)
      .filter(([, w]) => w !== null)
      .map(([cardId, workload]) => ({ cardId, workload: workload as number }));
    setSaving(true);
    try {
      await saveWorkloads(unitId!, { month, items });
      message.success(t('已保存', 'Saved'));
      void list.refetch();
    } catch (err) {
      showError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('工作量录入', 'Workloads')}
        subTitle={t('按工作量法计提折旧的资产，每月录入实际工作量', 'Monthly workload of units-of-production assets')}
      />
      <Card size="small">
        <Space wrap>
          <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
          {!own.scoped && <UnitSelect style={{ width: 260 }} value={unitId} onChange={(v) => setUnitId((v as string) ?? undefined)} />}
          {session.can('depreciation.run') && (
            <Button type="primary" loading={saving} disabled={!unitId || Object.keys(edits).length === 0} onClick={() => void save()}>
              {t('保存', 'Save')}
            </Button>
          )}
        </Space>
      </Card>
      <Card size="small" style={{ marginTop: 12 }}>
        {!unitId ? (
          <Alert type="info" showIcon title={t('请选择单位', 'Choose a unit')} />
        ) : (
          <Table
            size="small"
            rowKey="cardId"
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            pagination={{ pageSize: 50 }}
            columns={[
              { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo' },
              { title: t('资产名称', 'Name'), dataIndex: 'name' },
              { title: t('预计总工作量', 'Total workload'), dataIndex: 'totalWorkload', align: 'right' },
              { title: t('已完成工作量', 'Done before'), dataIndex: 'doneBefore', align: 'right' },
              {
                title: t('本月工作量', 'This month'),
                dataIndex: 'workload',
                render: (v: number | null, r) => (
                  <InputNumber
                    min={0}
                    precision={2}
                    disabled={!session.can('depreciation.run')}
                    value={r.cardId in edits ? edits[r.cardId] : v}
                    onChange={(w) => setEdits((e) => ({ ...e, [r.cardId]: w }))}
                  />
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
