import { useEffect, useMemo, useState, type Key } from 'react';
import { Button, Card, Col, DatePicker, Form, Row, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FilterOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { CardFilter, CardListItem } from '../../../shared/assets.contracts.ts';
import { ASSET_KINDS, ASSET_USES, CARD_STATUSES, PROCUREMENT_FORMS, USE_MODES, VALUE_TYPES, label } from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CategoryTreeSelect, DepartmentSelect, RoomSelect, StaffSelect, UnitSelect } from '../../components/selects.tsx';
import { applyColumns, ListSettingsButton, SavedFilters, useListSettings } from '../../components/ListSettings.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { CodeTag, StatusTag } from '../../components/StatusTag.tsx';
import { filterFromParams } from '../../lib/cardListLink.ts';
import { useBuildings } from './api.ts';
import { CardListToolbarExtras } from './CardListToolbarExtras.tsx';
import { LINK_ONLY_KEYS, LinkFilterTags } from './LinkFilterTags.tsx';

type Filter = Omit<CardFilter, 'q'>;
interface FormValues extends Omit<Filter, 'acquiredFrom' | 'acquiredTo' | 'postedFrom' | 'postedTo'> {
  acquired?: [Dayjs | null, Dayjs | null] | null;
  posted?: [Dayjs | null, Dayjs | null] | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);
const clean = <T extends object>(o: T): T =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ) as T;

function toFilter(v: FormValues): Filter {
  const { acquired, posted, ...rest } = v;
  return clean({
    ...rest,
    acquiredFrom: day(acquired?.[0]),
    acquiredTo: day(acquired?.[1]),
    postedFrom: day(posted?.[0]),
    postedTo: day(posted?.[1]),
  });
}
function toForm(f: Filter): FormValues {
  const { acquiredFrom, acquiredTo, postedFrom, postedTo, ...rest } = f;
  const range = (a?: string, b?: string) =>
    a || b ? ([a ? dayjs(a) : null, b ? dayjs(b) : null] as [Dayjs | null, Dayjs | null]) : undefined;
  return { ...rest, acquired: range(acquiredFrom, acquiredTo), posted: range(postedFrom, postedTo) };
}

/** Buildings for the location filter (GET /api/buildings). */
function BuildingSelect(props: { value?: string; onChange?: (v?: string) => void }) {
  const { t } = useI18n();
  const { data } = useBuildings();
  return (
    <Select
      allowClear
      placeholder={t('楼栋', 'Building')}
      {...props}
      options={(data?.items ?? []).map((b) => ({ value: b.id, label: `${b.code} ${b.name}` }))}
    />
  );
}

/** The filter fields' names, for the tags shown when the panel is folded. */
const FILTER_LABELS: Record<string, [string, string]> = {
  unitId: ['单位', 'Unit'],
  departmentId: ['部门', 'Department'],
  categoryId: ['分类', 'Category'],
  status: ['状态', 'Status'],
  useMode: ['使用方式', 'Use'],
  roomId: ['房间', 'Room'],
  buildingId: ['楼栋', 'Building'],
  compoundId: ['院区', 'Compound'],
  custodianId: ['保管人', 'Custodian'],
  valueMin: ['原值下限', 'Value from'],
  valueMax: ['原值上限', 'Value to'],
  acquiredFrom: ['取得日期起', 'Acquired from'],
  acquiredTo: ['取得日期止', 'Acquired to'],
  postedFrom: ['入账日期起', 'Posted from'],
  postedTo: ['入账日期止', 'Posted to'],
  assetKind: ['资产类型', 'Kind'],
  valueType: ['价值类型', 'Value type'],
  procurementForm: ['采购组织形式', 'Procurement'],
  assetUse: ['用途', 'Use'],
  fiscalMin: ['财政拨款下限', 'Fiscal from'],
  fiscalMax: ['财政拨款上限', 'Fiscal to'],
};

/** 资产卡片库: every card the user may see, filtered, searched and sorted on the server. */
export default function CardListPage() {
  const { t, locale } = useI18n();
  const { can, units } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  // Filters live in the URL so going back from a card keeps them and any link (a chart) can set them.
  const filterKey = JSON.stringify(filterFromParams(params));
  const filter = useMemo<Filter>(() => JSON.parse(filterKey) as Filter, [filterKey]);
  const [form] = Form.useForm<FormValues>();
  // The panel shows the filter the URL names, also when the URL changes under the page.
  useEffect(() => {
    const blank = Object.fromEntries(Object.keys(form.getFieldsValue(true)).map((k) => [k, undefined]));
    form.setFieldsValue({ ...blank, ...toForm(filter) });
  }, [filter, form]);
  const unitId = Form.useWatch('unitId', form);
  const buildingId = Form.useWatch('buildingId', form);
  const [selected, setSelected] = useState<Key[]>([]);
  const [total, setTotal] = useState(0);
  const { settings, save: saveSettings, loaded: settingsLoaded } = useListSettings('cards');
  const filtersOpen = settings.filtersOpen !== false;
  const setFilterParam = (f: Record<string, unknown>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        for (const k of ['q', 'pageSize', 'sort', 'order']) if (prev.get(k)) next.set(k, prev.get(k)!);
        if (Object.keys(f).length) next.set('f', JSON.stringify(f));
        return next;
      },
      { replace: true },
    );
  const singleUnit =
    units('card.read') !== 'all' && (units('card.read') as string[]).length === 1 ? (units('card.read') as string[])[0] : undefined;
  const effectiveUnit = unitId ?? singleUnit;

  const apply = (v: FormValues) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        // Only the search and page size survive; the plain filter parameters a link brought are replaced.
        for (const k of ['q', 'pageSize', 'sort', 'order']) if (prev.get(k)) next.set(k, prev.get(k)!);
        // The link-only filters (no field in the panel) stay until their tag is closed.
        const kept = Object.fromEntries(LINK_ONLY_KEYS.filter((k) => filter[k]).map((k) => [k, filter[k]]));
        const f = { ...kept, ...toFilter(v) };
        if (Object.keys(f).length) next.set('f', JSON.stringify(f));
        else next.delete('f');
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<CardListItem> = [
    {
      title: t('卡片编号', 'Card no.'),
      dataIndex: 'cardNo',
      key: 'cardNo',
      sorter: true,
      fixed: 'left',
      width: 170,
      render: (v, r) => <Link to={`/cards/${r.id}`}>{v}</Link>,
    },
    { title: t('资产名称', 'Name'), dataIndex: 'name', key: 'name', sorter: true, width: 180 },
    {
      title: t('分类', 'Category'),
      dataIndex: 'categoryName',
      key: 'categoryCode',
      sorter: true,
      width: 140,
      render: (v, r) => <span title={r.categoryCode}>{v}</span>,
    },
    { title: t('规格型号', 'Spec'), dataIndex: 'spec', key: 'spec', sorter: true, width: 150, ellipsis: true },
    { title: t('品牌', 'Brand'), dataIndex: 'brand', key: 'brand', sorter: true, width: 100 },
    {
      title: t('原值', 'Original value'),
      dataIndex: 'originalValueFen',
      key: 'originalValueFen',
      sorter: true,
      align: 'right',
      width: 130,
      render: (v) => <Money fen={v} />,
    },
    {
      title: t('净值', 'Net value'),
      dataIndex: 'netValueFen',
      key: 'netValueFen',
      sorter: true,
      align: 'right',
      width: 130,
      render: (v) => <Money fen={v} />,
    },
    { title: t('状态', 'Status'), dataIndex: 'status', key: 'status', sorter: true, width: 90, render: (v) => <StatusTag status={v} /> },
    {
      title: t('使用方式', 'Use'),
      dataIndex: 'useMode',
      key: 'useMode',
      sorter: true,
      width: 90,
      render: (v) => <CodeTag code={v} vocabulary={USE_MODES} />,
    },
    { title: t('产权单位', 'Owner unit'), dataIndex: 'unitName', key: 'unitName', sorter: true, width: 150 },
    {
      title: t('管理单位', 'Managing unit'),
      dataIndex: 'managerName',
      width: 150,
      render: (v: string | null) => v ?? <span style={{ color: '#999' }}>{t('同产权单位', 'Same as owner')}</span>,
    },
    { title: t('使用部门', 'Department'), dataIndex: 'departmentName', key: 'departmentName', sorter: true, width: 120 },
    { title: t('保管人', 'Custodian'), dataIndex: 'custodianName', key: 'custodianName', sorter: true, width: 90 },
    { title: t('存放地点', 'Location'), dataIndex: 'roomName', width: 140 },
    { title: t('取得日期', 'Acquired'), dataIndex: 'acquiredOn', key: 'acquiredOn', sorter: true, width: 110 },
    { title: t('入账日期', 'Posted'), dataIndex: 'postedOn', key: 'postedOn', sorter: true, width: 110 },
  ];

  const q = params.get('q') ?? undefined;
  return (
    <>
      <PageHeader
        title={t('资产卡片库', 'Card library')}
        extra={
          can('card.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cards/new')}>
              {t('登记卡片', 'Register a card')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 8 }}>
        <Button icon={<FilterOutlined />} data-testid="filters-toggle" onClick={() => void saveSettings({ filtersOpen: !filtersOpen })}>
          {filtersOpen ? t('收起筛选', 'Hide filters') : t('展开筛选', 'Show filters')}
        </Button>
        {!filtersOpen &&
          Object.entries(filter)
            .filter(([k]) => !(LINK_ONLY_KEYS as readonly string[]).includes(k))
            .map(([k, v]) => (
              <Tag key={k} closable onClose={() => setFilterParam(Object.fromEntries(Object.entries(filter).filter(([x]) => x !== k)))}>
                {`${FILTER_LABELS[k] ? t(...FILTER_LABELS[k]) : k}：${Array.isArray(v) ? v.map((x) => (k === 'status' && x in CARD_STATUSES ? label(CARD_STATUSES[x as keyof typeof CARD_STATUSES], locale) : x)).join('、') : typeof v === 'string' && v.length > 20 ? '…' : String(v)}`}
              </Tag>
            ))}
        <SavedFilters listId="cards" current={filter} onApply={setFilterParam} />
      </Space>
      <Card size="small" style={{ marginBottom: 12, display: filtersOpen ? undefined : 'none' }}>
        <Form form={form} layout="vertical" initialValues={toForm(filter)} onFinish={apply} data-enter-submits="true">
          <Row gutter={12}>
            {!singleUnit && (
              <Col xs={24} sm={12} md={6}>
                <Form.Item name="unitId" label={t('产权单位', 'Owner unit')}>
                  <UnitSelect onChange={() => form.setFieldsValue({ departmentId: undefined, custodianId: undefined })} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="departmentId" label={t('使用部门', 'Department')}>
                <DepartmentSelect unitId={effectiveUnit} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="categoryId" label={t('资产分类（含下级）', 'Category (with subtree)')}>
                <CategoryTreeSelect allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="status" label={t('状态', 'Status')}>
                <Select
                  mode="multiple"
                  allowClear
                  options={Object.entries(CARD_STATUSES).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="useMode" label={t('使用方式', 'Use mode')}>
                <Select allowClear options={Object.entries(USE_MODES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="buildingId" label={t('楼栋', 'Building')}>
                <BuildingSelect onChange={(v) => form.setFieldsValue({ buildingId: v, roomId: undefined })} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="roomId" label={t('房间', 'Room')}>
                <RoomSelect buildingId={buildingId} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="custodianId" label={t('保管人', 'Custodian')}>
                <StaffSelect unitId={effectiveUnit} allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('原值区间（元）', 'Value range (yuan)')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="valueMin" noStyle>
                    <YuanInput placeholder={t('最低', 'Min')} style={{ width: '50%' }} min={0} />
                  </Form.Item>
                  <Form.Item name="valueMax" noStyle>
                    <YuanInput placeholder={t('最高', 'Max')} style={{ width: '50%' }} min={0} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            {(
              [
                ['assetKind', ASSET_KINDS, '资产类型', 'Asset kind'],
                ['valueType', VALUE_TYPES, '价值类型', 'Value type'],
                ['procurementForm', PROCUREMENT_FORMS, '采购组织形式', 'Procurement form'],
                ['assetUse', ASSET_USES, '资产用途', 'Asset use'],
              ] as const
            ).map(([name, vocab, zh, en]) => (
              <Col key={name} xs={24} sm={12} md={6}>
                <Form.Item name={name} label={t(zh, en)}>
                  <Select allowClear options={Object.entries(vocab).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t('财政拨款区间（元）', 'Fiscal funding range (yuan)')}>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item name="fiscalMin" noStyle>
                    <YuanInput placeholder={t('最低', 'Min')} style={{ width: '50%' }} min={0} />
                  </Form.Item>
                  <Form.Item name="fiscalMax" noStyle>
                    <YuanInput placeholder={t('最高', 'Max')} style={{ width: '50%' }} min={0} />
                  </Form.Item>
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="acquired" label={t('取得日期', 'Acquired between')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item name="posted" label={t('入账日期', 'Posted between')}>
                <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6} style={{ display: 'flex', alignItems: 'flex-end', paddingBottom: 24 }}>
              <Space>
                <Button type="primary" htmlType="submit">
                  {t('查询', 'Apply')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    form.setFieldsValue(toForm({}));
                    apply({});
                  }}
                >
                  {t('重置', 'Reset')}
                </Button>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <LinkFilterTags
        filter={filter}
        onRemove={(keys) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              for (const k of keys) next.delete(k);
              const f = Object.fromEntries(Object.entries(filter).filter(([k]) => !keys.includes(k)));
              if (Object.keys(f).length) next.set('f', JSON.stringify(f));
              else next.delete('f');
              next.delete('page');
              return next;
            },
            { replace: true },
          )
        }
      />
      <ServerTable<CardListItem>
        url="/api/cards"
        columns={applyColumns(columns, settings)}
        defaultPageSize={settings.pageSize ?? 20}
        filters={filter as Record<string, string | number | string[] | undefined>}
        search={t('卡片编号、名称、规格、品牌、序列号的任意片段', 'Any fragment of number, name, spec, brand, serial')}
        defaultSort={{ sort: 'cardNo', order: 'asc' }}
        rowSelection={{ selectedRowKeys: selected, onChange: setSelected, preserveSelectedRowKeys: true }}
        onLoaded={(p) => setTotal(p.total)}
        toolbar={
          <Space>
            {selected.length > 0 && (
              <Typography.Text type="secondary">
                {t(`已选 ${selected.length} 张`, `${selected.length} selected`)} <a onClick={() => setSelected([])}>{t('清除', 'Clear')}</a>
              </Typography.Text>
            )}
            <ListSettingsButton
              loaded={settingsLoaded}
              columns={columns}
              settings={settings}
              save={saveSettings}
              onPageSize={(n) =>
                setParams(
                  (prev) => {
                    const next = new URLSearchParams(prev);
                    next.set('pageSize', String(n));
                    next.delete('page');
                    return next;
                  },
                  { replace: true },
                )
              }
            />
            <CardListToolbarExtras
              filter={{ ...filter, q }}
              selectedIds={selected.map(String)}
              total={total}
              onBulkDone={() => setSelected([])}
            />
          </Space>
        }
        tableProps={{ scroll: { x: 1900 }, size: settings.density ?? 'middle' }}
      />
    </>
  );
}
