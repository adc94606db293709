import { useState } from 'react';
import { Alert, Button, Card, Checkbox, DatePicker, Input, Space, Table, Tag } from 'antd';
import { App } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { ExportAndPrint } from './ReportParts.tsx';
import { SummaryTable } from './SummaryTable.tsx';
import { saveExplanation, useOwnUnit, usePack } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

/** 月报/年报: the month's summary; a change over 20 % against last month needs a written explanation. */
export default function PackPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const own = useOwnUnit('report.read');
  const showError = useShowError();
  const { can } = useSession();
  // Writing the explanation is the unit finance's and the committee's; other readers see it.
  const canExplain = can('report.explain');
  const [month, setMonth] = useState(businessDay().subtract(1, 'month').format('YYYY-MM'));
  const [annual, setAnnual] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>(own.unitId);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const pack = usePack(month, unitId, annual);
  const pending = pack.data?.units.filter((u) => u.needsExplanation && !u.explanation).length ?? 0;
  const save = async (id: string) => {
    try {
      await saveExplanation({ unitId: id, month, text: texts[id] ?? '' });
      message.success(t('说明已保存', 'Explanation saved'));
      void pack.refetch();
    } catch (err) {
      showError(err);
    }
  };
  const from = annual ? `${month.slice(0, 4)}-01` : month;
  return (
    <div>
      <PageHeader
        title={annual ? t('资产年报', 'Annual report') : t('资产月报', 'Monthly report')}
        extra={
          <ExportAndPrint
            report="pack"
            filter={{
              from: annual ? `${month.slice(0, 4)}-01` : month,
              to: annual ? `${month.slice(0, 4)}-12` : month,
              unitId,
              categoryId: undefined,
              categoryLevel: 1,
            }}
          />
        }
      />
      <Card size="small">
        <Space wrap>
          <DatePicker
            picker={annual ? 'year' : 'month'}
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(annual ? `${d.format('YYYY')}-12` : d.format('YYYY-MM'))}
          />
          <Checkbox
            checked={annual}
            onChange={(e) => {
              setAnnual(e.target.checked);
              if (e.target.checked) setMonth(`${month.slice(0, 4)}-12`);
            }}
          >
            {t('年报', 'Annual')}
          </Checkbox>
          {!own.scoped && (
            <UnitSelect
              style={{ width: 240 }}
              placeholder={t('全部单位', 'All units')}
              value={unitId}
              onChange={(v) => setUnitId((v as string) ?? undefined)}
            />
          )}
          <span>
            {t('期间', 'Period')}：{from} — {month}
          </span>
        </Space>
      </Card>
      {pending > 0 && canExplain && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          title={t(
            `${pending} 个单位本月原值较上月变动超过 20%，请填写说明`,
            `${pending} unit(s) changed more than 20 % against last month: explain`,
          )}
        />
      )}
      <Card size="small" title={t('与上月比较', 'Against last month')} style={{ marginTop: 12 }}>
        <Table
          size="small"
          rowKey="unitId"
          loading={pack.isLoading}
          dataSource={pack.data?.units ?? []}
          pagination={false}
          columns={[
            { title: t('单位', 'Unit'), dataIndex: 'unitName' },
            {
              title: t('上月末原值', 'Last month'),
              dataIndex: 'previousClosingFen',
              align: 'right',
              render: (v: number) => <Money fen={v} />,
            },
            { title: t('本月末原值', 'This month'), dataIndex: 'closingFen', align: 'right', render: (v: number) => <Money fen={v} /> },
            {
              title: t('变动', 'Change'),
              dataIndex: 'change',
              align: 'right',
              render: (v: number | null, r) =>
                v === null ? '—' : <Tag color={r.needsExplanation ? 'red' : undefined}>{(v * 100).toFixed(1)}%</Tag>,
            },
            {
              title: t('变动说明', 'Explanation'),
              key: 'ex',
              width: 420,
              render: (_, r) =>
                r.needsExplanation && canExplain ? (
                  <Space.Compact style={{ width: '100%' }}>
                    <Input
                      defaultValue={r.explanation ?? ''}
                      placeholder={t('请说明变动原因', 'Why did it change?')}
                      onChange={(e) => setTexts((x) => ({ ...x, [r.unitId]: e.target.value }))}
                    />
                    <Button type="primary" onClick={() => void save(r.unitId)}>
                      {t('保存', 'Save')}
                    </Button>
                  </Space.Compact>
                ) : (
                  (r.explanation ?? '')
                ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('资产情况表', 'Asset summary')} style={{ marginTop: 12 }}>
        <SummaryTable view={pack.data?.summary} loading={pack.isLoading} />
      </Card>
    </div>
  );
}
