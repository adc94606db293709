import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import { ApiError, type Body, http, ok } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './useFormErrors.ts';
import { businessDay } from '../lib/dates.ts';

type Posting = Body<'/api/cards/{id}/post', 'post'>;
/** What is posted: a supplementary card (补录) or an acceptance document's cards (验收单). */
export type PostingTarget = { cardId: string } | { documentId: string };

/** The posting call; a document says how many cards it posted and the open month a late one went to. */
async function post(target: PostingTarget, body: Posting): Promise<{ posted?: number; lateOf?: string | null }> {
  if ('cardId' in target) {
    // A card answers itself (number and version), not a count.
    await ok(http.POST('/api/cards/{id}/post', { params: { path: { id: target.cardId } }, body }));
    return {};
  }
  return ok(http.POST('/api/documents/{id}/post', { params: { path: { id: target.documentId } }, body }));
}

/**
 * 入账: unit finance gives the date of recognition (交付使用) and the accounting voucher number. A
 * date in a closed month is booked in the first open month (补记); the server says so.
 */
export function PostingButton({ target, onDone }: { target: PostingTarget; onDone: () => Promise<void> | void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [postedOn, setPostedOn] = useState(businessDay());
  const [voucherNo, setVoucherNo] = useState('');
  const [error, setError] = useState<string | null>(null);
  // The server's field errors, shown beside the two fields they name.
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await post(target, {
        postedOn: postedOn.format('YYYY-MM-DD'),
        voucherNo: voucherNo.trim(),
      });
      const n = res.posted ?? 1;
      message.success(
        res.lateOf
          ? t(
              `已入账 ${n} 张；所属月份已结账，记入 ${res.lateOf.slice(0, 7)}（补记）`,
              `Posted ${n}; the month is closed, booked in ${res.lateOf.slice(0, 7)}`,
            )
          : t(`已入账 ${n} 张`, `Posted ${n}`),
      );
      setOpen(false);
      await onDone();
    } catch (err) {
      const f = err instanceof ApiError ? err.fields : {};
      setFields(f);
      const beside = ['postedOn', 'voucherNo'];
      if (!Object.keys(f).length || Object.keys(f).some((k) => !beside.includes(k))) setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="post">
        {t('入账', 'Post')}
      </Button>
      <Modal
        open={open}
        title={t('入账', 'Post to the books')}
        okText={t('确定入账', 'Post')}
        cancelText={t('取消', 'Cancel')}
        onOk={submit}
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        okButtonProps={{ disabled: !voucherNo.trim(), 'data-testid': 'post-confirm' } as never}
      >
        <Form layout="vertical" component="div">
          <Form.Item
            label={t('入账日期（交付使用日期）', 'Posting date (date of recognition)')}
            required
            validateStatus={fields.postedOn ? 'error' : undefined}
            help={fields.postedOn}
          >
            <DatePicker
              value={postedOn}
              onChange={(d) => d && setPostedOn(d)}
              allowClear={false}
              disabledDate={(d) => d.isAfter(businessDay(), 'day')}
            />
          </Form.Item>
          <Form.Item
            label={t('会计凭证号', 'Accounting voucher no.')}
            required
            extra={t('记账凭证的编号，不是发票号', 'The voucher of the posting, not the invoice number')}
            validateStatus={fields.voucherNo ? 'error' : undefined}
            help={fields.voucherNo}
          >
            <Input
              value={voucherNo}
              onChange={(e) => setVoucherNo(e.target.value)}
              maxLength={64}
              data-testid="voucher-no"
              onPressEnter={(e) => e.preventDefault()}
            />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} />}
          <Typography.Text type="secondary">
            {t(
              '入账后开始计提折旧；日期在已结账月份的，记入第一个未结账月份（补记）',
              'Depreciation starts on posting; a date in a closed month is booked in the first open month',
            )}
          </Typography.Text>
        </Form>
      </Modal>
    </>
  );
}
