import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ScanOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { CARD_STATUSES, label, type CardStatus } from '../../shared/assets.enums.ts';
import { documentTypeSpec } from '../../shared/workflow.contracts.ts';
import { type Answer, http, ok, type QueryParams } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { Money } from './Money.tsx';
import { StatusTag } from './StatusTag.tsx';
import { CategoryTreeSelect } from './selects.tsx';
import { errorText } from './useFormErrors.ts';

export interface PickedCard {
  id: string;
  cardNo: string;
  name: string;
  status: string;
  originalValueFen: number;
}

/** Card statuses each document type may act on (the server's status machine decides; this only pre-filters). */
const pickable = (type: string): CardStatus[] | undefined => {
  const spec = documentTypeSpec(type);
  return spec?.pickable ? [...spec.pickable] : undefined;
};

type CardListItem = Answer<'/api/cards', 'get'>['items'][number];
const findCards = (query: QueryParams<'/api/cards', 'get'>) => ok(http.GET('/api/cards', { params: { query } }));

const toPicked = (c: CardListItem): PickedCard => ({
  id: c.id,
  cardNo: c.cardNo,
  name: c.name,
  status: c.status,
  originalValueFen: c.originalValueFen,
});

/**
 * The cards of a batch document: pick by filter (one page or all matches, up to 500 at a time) or
 * scan/type card numbers. A document may carry hundreds of cards.
 */
export function CardLinesEditor({
  type,
  unitId,
  value,
  onChange,
  error,
}: {
  type: string;
  unitId?: string;
  value: PickedCard[];
  onChange: (v: PickedCard[]) => void;
  error?: string;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [categoryId, setCategoryId] = useState<string>();
  const [status, setStatus] = useState<CardStatus[]>(pickable(type) ?? []);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<CardListItem[]>([]);
  const [scan, setScan] = useState('');
  const query = { unitId, q: q || undefined, categoryId, status, pageSize: 20, page };
  const { data, isFetching } = useQuery({
    queryKey: ['card-picker', query],
    enabled: open && !!unitId,
    queryFn: () => findCards(query),
  });
  const add = (cards: PickedCard[]) => {
    const have = new Set(value.map((c) => c.id));
    const fresh = cards.filter((c) => !have.has(c.id));
    onChange([...value, ...fresh]);
    return fresh.length;
  };
  const addAllMatching = async () => {
    try {
      const all = await findCards({ ...query, page: 1, pageSize: 500 });
      const n = add(all.items.map(toPicked));
      message.success(
        t(`已加入 ${n} 张卡片`, `${n} cards added`) +
          (all.total > 500 ? t('（最多 500 张，请缩小筛选范围后继续）', ' (500 at most; narrow the filter for more)') : ''),
      );
      setOpen(false);
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const onScan = async () => {
    const no = scan.trim();
    if (!no) return;
    try {
      const found = await findCards({ unitId, q: no, pageSize: 5 });
      const card = found.items.find((c) => c.cardNo === no) ?? (found.items.length === 1 ? found.items[0] : undefined);
      if (!card) message.warning(t(`未找到卡片 ${no}`, `No card ${no}`));
      else if (add([toPicked(card)]) === 0) message.info(t('该卡片已在明细中', 'Already in the list'));
      setScan('');
    } catch (err) {
      message.error(errorText(err));
    }
  };

  return (
    <div>
      <Space style={{ marginBottom: 8 }} wrap>
        <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} disabled={!unitId} data-testid="pick-cards">
          {t('选择资产', 'Pick cards')}
        </Button>
        <Input
          prefix={<ScanOutlined />}
          placeholder={t('扫码或输入卡片编号后回车', 'Scan or type a card number, Enter')}
          value={scan}
          onChange={(e) => setScan(e.target.value)}
          onPressEnter={(e) => {
            // One code per Enter (a scanner sends Enter after each): add the card, never submit the form.
            e.preventDefault();
            void onScan();
          }}
          data-testid="scan-box"
          style={{ width: 300 }}
          disabled={!unitId}
        />
        <Typography.Text type="secondary">
          {t(`已选 ${value.length} 张，原值合计`, `${value.length} cards, total`)}{' '}
          <Money fen={value.reduce((s, c) => s + c.originalValueFen, 0)} />
        </Typography.Text>
        {value.length > 0 && (
          <Button size="small" onClick={() => onChange([])}>
            {t('清空', 'Clear')}
          </Button>
        )}
      </Space>
      {error && <Typography.Paragraph type="danger">{error}</Typography.Paragraph>}
      <Table<PickedCard>
        rowKey="id"
        size="small"
        dataSource={value}
        pagination={value.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', width: 180 },
          { title: t('资产名称', 'Name'), dataIndex: 'name' },
          { title: t('状态', 'Status'), dataIndex: 'status', width: 90, render: (v) => <StatusTag status={v} /> },
          { title: t('原值', 'Value'), dataIndex: 'originalValueFen', width: 130, align: 'right', render: (v) => <Money fen={v} /> },
          {
            key: 'x',
            width: 50,
            render: (_, r) => (
              <Button type="text" size="small" icon={<DeleteOutlined />} onClick={() => onChange(value.filter((c) => c.id !== r.id))} />
            ),
          },
        ]}
      />
      <Modal
        open={open}
        width={900}
        title={t('选择资产', 'Pick cards')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="all" onClick={addAllMatching}>
            {t(`加入全部符合条件的（${data?.total ?? 0}）`, `Add all matching (${data?.total ?? 0})`)}
          </Button>,
          <Button
            key="sel"
            type="primary"
            disabled={!selected.length}
            onClick={() => {
              add(selected.map(toPicked));
              setSelected([]);
              setOpen(false);
            }}
            data-testid="add-selected"
          >
            {t(`加入所选（${selected.length}）`, `Add selected (${selected.length})`)}
          </Button>,
        ]}
      >
        <Space style={{ marginBottom: 8 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('编号、名称、规格、序列号', 'Number, name, spec, serial')}
            onSearch={(v) => {
              setQ(v);
              setPage(1);
            }}
            style={{ width: 260 }}
          />
          <CategoryTreeSelect
            allowClear
            placeholder={t('分类', 'Category')}
            value={categoryId}
            onChange={(v) => {
              setCategoryId(v);
              setPage(1);
            }}
            style={{ width: 200 }}
          />
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={(pickable(type) ?? (Object.keys(CARD_STATUSES) as CardStatus[])).map((s) => ({
              value: s,
              label: label(CARD_STATUSES[s], locale),
            }))}
          />
        </Space>
        <Table<CardListItem>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items ?? []}
          rowSelection={{
            selectedRowKeys: selected.map((c) => c.id),
            onChange: (_, rows) => setSelected(rows),
            preserveSelectedRowKeys: true,
          }}
          pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
          columns={[
            { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', width: 170 },
            { title: t('资产名称', 'Name'), dataIndex: 'name' },
            { title: t('分类', 'Category'), dataIndex: 'categoryName', width: 130 },
            { title: t('状态', 'Status'), dataIndex: 'status', width: 80, render: (v) => <StatusTag status={v} /> },
            { title: t('保管人', 'Custodian'), dataIndex: 'custodianName', width: 90 },
            { title: t('原值', 'Value'), dataIndex: 'originalValueFen', width: 120, align: 'right', render: (v) => <Money fen={v} /> },
          ]}
        />
      </Modal>
    </div>
  );
}
