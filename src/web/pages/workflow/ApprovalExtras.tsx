import { useState } from 'react';
import { App, Button, Input, Modal, Select, Tag } from 'antd';
import { RightOutlined, SwapOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { errorText } from '../../components/errors.ts';
import { reassignDocument, useReassignCandidates } from './api.ts';

/** "代 张三": the caller takes this step for an absent approver (委托). */
export function ActingForTag({ name }: { name?: string | null }) {
  const { t } = useI18n();
  if (!name) return null;
  return (
    <Tag color="purple" data-testid="acting-for">
      {t(`代 ${name}`, `for ${name}`)}
    </Tag>
  );
}

export function NextItemButton({ nextId }: { nextId: string | null | undefined }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (nextId === undefined) return null;
  if (nextId === null) return <Tag color="green">{t('待审批已全部处理', 'Inbox empty')}</Tag>;
  return (
    <Button type="primary" icon={<RightOutlined />} onClick={() => navigate(`/documents/${nextId}`)} data-testid="next-item">
      {t('下一条', 'Next')}
    </Button>
  );
}

/** 转办: hand the current step to a colleague with the same role and scope. */
export function ReassignButton({ id, stepNo, onDone }: { id: string; stepNo: number | null; onDone: () => Promise<void> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<string>();
  const [comment, setComment] = useState('');
  const candidates = useReassignCandidates(id, open);
  const ok = async () => {
    if (!to) return;
    try {
      await reassignDocument(id, { toUserId: to, comment: comment || undefined, stepNo: stepNo ?? undefined });
      message.success(t('已转办', 'Handed on'));
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['workspace'] });
      await onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="reassign">
        {t('转办', 'Hand on')}
      </Button>
      <Modal
        open={open}
        title={t('转办给同事', 'Hand this step to a colleague')}
        onCancel={() => setOpen(false)}
        onOk={ok}
        okButtonProps={{ disabled: !to }}
      >
        <Select
          style={{ width: '100%', marginBottom: 8 }}
          placeholder={t('担任本环节角色的同事', 'A colleague with this step’s role')}
          loading={candidates.isLoading}
          value={to}
          onChange={setTo}
          options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
        />
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={t('说明（可选）', 'Note (optional)')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
