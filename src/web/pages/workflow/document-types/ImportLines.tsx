import { useState } from 'react';
import { Button, Modal, Table } from 'antd';
import { useI18n } from '../../../app/i18n.tsx';
import { useDocument, useProcurableLines } from '../api.ts';
import type { FormLine } from '../CategoryLinesEditor.tsx';

interface ProcurableLine {
  lineId: string;
  docNo: string;
  unitId: string;
  unitName: string;
  categoryId: string;
  name: string | null;
  spec: string | null;
  quantity: number;
  unitPriceFen: number;
}

/** Imports approved request lines into an order (procurement) or an order's lines into an acceptance. */
export function ImportLines({
  type,
  unitId,
  orderId,
  onPick,
}: {
  type: string;
  unitId?: string;
  orderId?: string;
  onPick: (lines: FormLine[]) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [sel, setSel] = useState<ProcurableLine[]>([]);
  const procurable = useProcurableLines(open && type === 'procurement');
  const order = useDocument(type === 'acceptance' ? orderId : undefined);
  if (type === 'acceptance') {
    const mine = (order.data?.lines ?? []).filter((l) => !unitId || l.sourceUnitId === unitId);
    return (
      <Button
        disabled={!mine.length}
        onClick={() =>
          onPick(
            mine.map((l) => ({
              sourceLineId: l.id,
              categoryId: l.categoryId ?? undefined,
              name: l.name ?? undefined,
              spec: l.spec ?? undefined,
              quantity: l.quantity,
              unitPriceFen: l.unitPriceFen,
            })),
          )
        }
        data-testid="import-order-lines"
      >
        {t(`导入采购单明细（${mine.length}）`, `Import order lines (${mine.length})`)}
      </Button>
    );
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="import-request-lines">
        {t('选择已批准的配置申请明细', 'Pick approved request lines')}
      </Button>
      <Modal
        open={open}
        width={900}
        title={t('已批准的配置申请明细', 'Approved request lines')}
        onCancel={() => setOpen(false)}
        onOk={() => {
          onPick(
            sel.map((l) => ({
              sourceLineId: l.lineId,
              categoryId: l.categoryId,
              name: l.name ?? undefined,
              spec: l.spec ?? undefined,
              quantity: l.quantity,
              unitPriceFen: l.unitPriceFen,
              reason: `${l.unitName} ${l.docNo}`,
            })),
          );
          setOpen(false);
        }}
      >
        <Table<ProcurableLine>
          rowKey="lineId"
          size="small"
          loading={procurable.isFetching}
          dataSource={procurable.data?.items ?? []}
          pagination={false}
          rowSelection={{ onChange: (_, rows) => setSel(rows) }}
          columns={[
            { title: t('申请单', 'Request'), dataIndex: 'docNo', width: 150 },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 150 },
            { title: t('品目', 'Item'), dataIndex: 'name' },
            { title: t('规格', 'Spec'), dataIndex: 'spec' },
            { title: t('数量', 'Qty'), dataIndex: 'quantity', width: 60 },
            { title: t('单价（分）', 'Price (fen)'), dataIndex: 'unitPriceFen', width: 110 },
          ]}
        />
      </Modal>
    </>
  );
}
