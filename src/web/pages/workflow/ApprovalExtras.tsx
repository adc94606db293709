import { type ReactNode, useState } from 'react';
import { App, Button, Input, Modal, Select, Tag, Typography } from 'antd';
import { RightOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { errorText } from '../../components/errors.ts';
import { addCosigner, reassignDocument, useCosignCandidates, useReassignCandidates } from './api.ts';

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

type StepProps = { id: string; stepNo: number | null; onDone: () => Promise<void> };
type Colleagues = { data?: { items: { id: string; name: string }[] }; isLoading: boolean };

/**
 * A button that names one colleague for the current step (转办, 加签): a modal with the candidates the
 * server offers and an optional note; on success the workspace counts are refreshed.
 */
function ColleagueStepButton(p: {
  button: { icon: ReactNode; label: string; testId: string };
  title: string;
  hint?: string;
  placeholder: string;
  selectTestId?: string;
  id: string;
  useCandidates: (id: string, open: boolean) => Colleagues;
  send: (id: string, body: { toUserId: string; comment?: string; stepNo?: number }) => Promise<unknown>;
  done: string;
  onDone: () => Promise<void>;
  stepNo: number | null;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState<string>();
  const [comment, setComment] = useState('');
  const candidates = p.useCandidates(p.id, open);
  const ok = async () => {
    if (!to) return;
    try {
      await p.send(p.id, { toUserId: to, comment: comment || undefined, stepNo: p.stepNo ?? undefined });
      message.success(p.done);
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['workspace'] });
      await p.onDone();
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <>
      <Button icon={p.button.icon} onClick={() => setOpen(true)} data-testid={p.button.testId}>
        {p.button.label}
      </Button>
      <Modal open={open} title={p.title} onCancel={() => setOpen(false)} onOk={ok} okButtonProps={{ disabled: !to }}>
        {p.hint && <Typography.Paragraph type="secondary">{p.hint}</Typography.Paragraph>}
        <Select
          style={{ width: '100%', marginBottom: 8 }}
          placeholder={p.placeholder}
          loading={candidates.isLoading}
          value={to}
          onChange={setTo}
          options={(candidates.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          data-testid={p.selectTestId}
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

/** 转办: hand the current step to a colleague with the same role and scope. */
export function ReassignButton({ id, stepNo, onDone }: StepProps) {
  const { t } = useI18n();
  return (
    <ColleagueStepButton
      button={{ icon: <SwapOutlined />, label: t('转办', 'Hand on'), testId: 'reassign' }}
      title={t('转办给同事', 'Hand this step to a colleague')}
      placeholder={t('担任本环节角色的同事', 'A colleague with this step’s role')}
      id={id}
      useCandidates={useReassignCandidates}
      send={reassignDocument}
      done={t('已转办', 'Handed on')}
      onDone={onDone}
      stepNo={stepNo}
    />
  );
}

/** 加签: ask a colleague to sign this step first; it comes back to the caller to decide. */
export function CosignButton({ id, stepNo, onDone }: StepProps) {
  const { t } = useI18n();
  return (
    <ColleagueStepButton
      button={{ icon: <UserAddOutlined />, label: t('加签', 'Add a signer'), testId: 'cosign' }}
      title={t('加签：请同事先审批', 'Ask a colleague to sign first')}
      hint={t(
        '加签人同意后，本环节回到您审批；加签人驳回则单据被驳回。',
        'Once the signer approves, the step comes back to you; if they reject, the document is rejected.',
      )}
      placeholder={t('未参与本单据的审批人员', 'An approver with no part in this document')}
      selectTestId="cosign-to"
      id={id}
      useCandidates={useCosignCandidates}
      send={addCosigner}
      done={t('已加签，待加签人审批后回到您审批', 'Signer added; the step returns to you once they have signed')}
      onDone={onDone}
      stepNo={stepNo}
    />
  );
}
