import { useState } from 'react';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { StopOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { voidCard } from './api.ts';

/**
 * 作废: a card registered by mistake and never posted. Asks why (kept in the card's history) and
 * says plainly that it cannot be undone; the server refuses a posted card.
 */
export function VoidCardButton({ cardId, cardNo, onDone }: { cardId: string; cardNo: string; onDone: () => void | Promise<void> }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { saving, submit } = useFormSubmit(
    form,
    async (v) => {
      await voidCard(cardId, v.reason);
      return t(`卡片 ${cardNo} 已作废`, `Card ${cardNo} voided`);
    },
    () => {
      setOpen(false);
      void onDone();
    },
  );
  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="void-card">
        {t('作废', 'Void')}
      </Button>
      <Modal
        open={open}
        title={t(`作废卡片 ${cardNo}`, `Void card ${cardNo}`)}
        okText={t('作废', 'Void')}
        okButtonProps={{ danger: true, loading: saving }}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        afterClose={() => form.resetFields()}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t(
            '只用于登记有误、尚未入账的卡片。作废后不能恢复；卡片编号不再使用，履历保留。',
            'Only for a card registered by mistake and not yet posted. This cannot be undone; the number is not reused and the history is kept.',
          )}
        />
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('作废原因', 'Reason')}
            rules={[{ required: true, whitespace: true, message: t('请写明作废原因', 'Give a reason') }]}
          >
            <Input.TextArea rows={3} maxLength={200} data-testid="void-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
