import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Descriptions, Input, Modal, Space, Steps, Table, Tag, Timeline, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { label } from '../../../shared/assets.enums.ts';
import { STEP_SCOPES, type Decision, type DocumentDetail, type DocumentLine, type Finding } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PostingButton } from '../../components/PostingButton.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { errorText } from '../../components/useFormErrors.ts';
import { ActingForTag, CosignButton, NextItemButton, ReassignButton } from './ApprovalExtras.tsx';
import { DocumentAttachmentsCard, DocumentCommentsCard } from './DocumentThread.tsx';
import { useSession } from '../../app/session.tsx';
import {
  cancelDocument,
  decideDocument,
  executeDocument,
  nextInboxId,
  returnLending,
  submitDocument,
  useDocument,
  withdrawDocument,
} from './api.ts';
import { DocStatusTag, useDocTypeLabel } from './docShared.tsx';
import { present } from './document-types/webDoctype.ts';
import { webDocumentType } from './document-types/registry.ts';
import { businessDay, formatDateTime } from '../../lib/dates.ts';

const EVENT_LABELS: Record<string, [string, string]> = {
  created: ['创建', 'Created'],
  edited: ['修改', 'Edited'],
  submitted: ['提交', 'Submitted'],
  approved: ['同意', 'Approved'],
  rejected: ['驳回', 'Rejected'],
  returned: ['退回', 'Returned'],
  executed: ['执行', 'Executed'],
  cancelled: ['作废', 'Cancelled'],
  posted: ['入账', 'Posted'],
  procured: ['已采购', 'Procured'],
  lending_returned: ['收回', 'Returned from lending'],
  income_turned_over: ['收入上缴国库', 'Income turned over'],
  withdrawn: ['撤回', 'Withdrawn'],
  reassigned: ['转办', 'Handed on'],
  cosign_added: ['加签', 'Signer added'],
  cosigned: ['加签同意', 'Signed'],
  attachment_added: ['添加附件', 'Attachment added'],
  attachment_removed: ['删除附件', 'Attachment removed'],
  commented: ['发表意见', 'Commented'],
};

/** What the payload says, in words: the type's own items (document-types/<type>.doctype.tsx) between the receiving unit and the note. */
export function PayloadItems({ doc }: { doc: DocumentDetail }) {
  const { t, locale } = useI18n();
  const p = doc.payload;
  const items = [
    ...present([t('调入单位', 'Receiving unit'), doc.counterpartUnitName]),
    ...webDocumentType(doc.type).details(p, t, locale),
    ...present([t('备注', 'Note'), p.note as string | undefined]),
  ];
  const problems = Object.entries(doc.payloadProblems ?? {});
  return (
    <>
      {problems.length > 0 && (
        <Alert
          type="warning"
          style={{ marginTop: 12 }}
          message={t('单据内容有不符合要求的字段，请修改后再办理', 'Some stored fields do not fit this document type; fix them first')}
          description={problems.map(([f, m]) => `${f}: ${m}`).join('；')}
        />
      )}
      {items.length ? <Descriptions size="small" column={3} items={items} style={{ marginTop: 12 }} /> : null}
    </>
  );
}

export function FindingList({ findings }: { findings?: Finding[] }) {
  if (!findings?.length) return null;
  return (
    <>
      {findings.map((f, i) => (
        <Tag key={i} color="red" style={{ whiteSpace: 'normal', marginBottom: 4 }}>
          {f.message}
        </Tag>
      ))}
    </>
  );
}

export function lineColumns(doc: DocumentDetail, t: (zh: string, en: string) => string) {
  const cardDoc = doc.lines.some((l) => l.cardId);
  const cols = [
    { title: '#', dataIndex: 'lineNo', width: 50 },
    ...(cardDoc
      ? [
          {
            title: t('卡片编号', 'Card no.'),
            dataIndex: 'cardNo',
            width: 170,
            render: (v: string, r: DocumentLine) => <Link to={`/cards/${r.cardId}`}>{v}</Link>,
          },
          { title: t('资产名称', 'Name'), dataIndex: 'cardName' },
          { title: t('当前状态', 'Status'), dataIndex: 'cardStatus', width: 90, render: (v: string) => <StatusTag status={v} /> },
          {
            title: t('原值', 'Value'),
            dataIndex: 'amountFen',
            width: 130,
            align: 'right' as const,
            render: (v: number) => <Money fen={v} />,
          },
        ]
      : [
          { title: t('品目', 'Item'), dataIndex: 'name' },
          { title: t('规格', 'Spec'), dataIndex: 'spec' },
          { title: t('数量', 'Qty'), dataIndex: 'quantity', width: 70, align: 'right' as const },
          {
            title: t('单价', 'Unit price'),
            dataIndex: 'unitPriceFen',
            width: 120,
            align: 'right' as const,
            render: (v: number) => <Money fen={v} />,
          },
          {
            title: t('金额', 'Amount'),
            dataIndex: 'amountFen',
            width: 130,
            align: 'right' as const,
            render: (v: number) => <Money fen={v} />,
          },
          { title: t('预算科目', 'Budget line'), dataIndex: 'budgetLine', width: 130 },
          {
            title: t('标准检查', 'Standards'),
            key: 'findings',
            render: (_: unknown, r: DocumentLine) => <FindingList findings={(r.details as { findings?: Finding[] }).findings} />,
          },
        ]),
    { title: t('理由', 'Reason'), dataIndex: 'reason', ellipsis: true },
  ];
  return cols;
}

/** A document: header, lines, the approval steps, its history, and the actions the caller may take now. */
export default function DocumentDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const typeLabel = useDocTypeLabel();
  const { data: doc, error, refetch } = useDocument(id);
  const { can } = useSession();
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [returnedOn, setReturnedOn] = useState(businessDay());
  // 下一条: after a decision, the oldest document still waiting for me (undefined until then).
  const [nextId, setNextId] = useState<string | null | undefined>(undefined);
  useEffect(() => setNextId(undefined), [id]);
  if (error) return <Alert type="error" message={errorText(error)} />;
  if (!doc) return null;

  const after = async () => {
    await refetch();
    void qc.invalidateQueries({ queryKey: ['inbox-count'] });
    void qc.invalidateQueries({ queryKey: ['list'] });
  };
  const act = (action: (id: string) => Promise<unknown>) => async () => {
    await action(doc.id);
    await after();
  };
  const decide = async () => {
    if (!deciding) return;
    setBusy(true);
    try {
      await decideDocument(doc.id, deciding, { comment: comment || undefined, stepNo: doc.currentStep ?? undefined });
      message.success(t('已提交审批意见', 'Decision recorded'));
      setDeciding(null);
      setComment('');
      await after();
      void qc.invalidateQueries({ queryKey: ['workspace'] });
      setNextId(await nextInboxId(doc.id));
    } catch (err) {
      message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const currentIndex = doc.steps.findIndex((s) => s.stepNo === doc.currentStep);
  // 加签 pending: whoever may decide now is the added signer (or their delegate), who approves or rejects.
  const signing = !!doc.steps[currentIndex]?.cosigns?.some((c) => c.state === 'pending');
  // The server decides what is overdue (each type's own rule).
  const overdue = doc.overdue;

  return (
    <>
      <PageHeader
        back="/documents"
        title={`${typeLabel(doc.type)} ${doc.docNo}`}
        tags={
          <Space>
            <DocStatusTag status={doc.status} />
            {overdue && <Tag color="red">{t('逾期未收回', 'Overdue')}</Tag>}
          </Space>
        }
        breadcrumb={[{ title: t('业务单据', 'Documents'), path: '/documents' }]}
        extra={
          <Space wrap>
            <NextItemButton nextId={nextId} />
            <ActingForTag name={doc.can.decide ? doc.actingFor : null} />
            {doc.can.reassign && <ReassignButton id={doc.id} stepNo={doc.currentStep} onDone={after} />}
            {doc.can.addSigner && <CosignButton id={doc.id} stepNo={doc.currentStep} onDone={after} />}
            {doc.can.edit && <Button onClick={() => navigate(`/documents/${doc.id}/edit`)}>{t('修改', 'Edit')}</Button>}
            {doc.can.submit && (
              <ConfirmButton
                type="primary"
                confirm={t('确定提交审批？', 'Submit for approval?')}
                onConfirm={act(submitDocument)}
                successMessage={t('已提交', 'Submitted')}
              >
                {t('提交审批', 'Submit')}
              </ConfirmButton>
            )}
            {doc.can.decide && (
              <>
                <Button type="primary" icon={<CheckOutlined />} onClick={() => setDeciding('approve')} data-testid="approve">
                  {t('同意', 'Approve')}
                </Button>
                {!signing && (
                  <Button icon={<RollbackOutlined />} onClick={() => setDeciding('return')}>
                    {t('退回修改', 'Return')}
                  </Button>
                )}
                <Button danger icon={<CloseOutlined />} onClick={() => setDeciding('reject')}>
                  {t('驳回', 'Reject')}
                </Button>
              </>
            )}
            {doc.can.execute && (
              <ConfirmButton
                type="primary"
                confirm={t('确定执行该单据？', 'Execute this document?')}
                description={t('执行后资产卡片将按单据变更，并记入资产履历', 'The cards change and the ledger records it')}
                onConfirm={act(executeDocument)}
                successMessage={t('已执行', 'Executed')}
                data-testid="execute"
              >
                {t('执行', 'Execute')}
              </ConfirmButton>
            )}
            {doc.can.post && <PostingButton target={{ documentId: doc.id }} onDone={after} />}
            {doc.can.returnLending && (
              <Space.Compact>
                <DatePicker value={returnedOn} onChange={(d) => d && setReturnedOn(d)} allowClear={false} />
                <ConfirmButton
                  confirm={t('确定收回？', 'Mark returned?')}
                  onConfirm={act((id) => returnLending(id, returnedOn.format('YYYY-MM-DD')))}
                >
                  {t('收回', 'Returned')}
                </ConfirmButton>
              </Space.Compact>
            )}
            {doc.can.withdraw && (
              <ConfirmButton
                confirm={t(
                  '确定撤回该单据？撤回后回到草稿，可修改后重新提交',
                  'Withdraw? It becomes a draft you can edit and submit again',
                )}
                onConfirm={act(withdrawDocument)}
                successMessage={t('已撤回', 'Withdrawn')}
                data-testid="withdraw"
              >
                {t('撤回', 'Withdraw')}
              </ConfirmButton>
            )}
            {doc.can.cancel && (
              <ConfirmButton danger confirm={t('确定作废该单据？', 'Void this document?')} onConfirm={act(cancelDocument)}>
                {t('作废', 'Void')}
              </ConfirmButton>
            )}
            <Button icon={<PrinterOutlined />} onClick={() => window.open(`/documents/${doc.id}/sheet`, '_blank')}>
              {t('审批单', 'Approval sheet')}
            </Button>
          </Space>
        }
      />
      <Card size="small">
        <Descriptions
          size="small"
          column={3}
          items={[
            { label: t('标题', 'Title'), children: doc.title ?? '—' },
            { label: t('申请单位', 'Unit'), children: doc.unitName },
            { label: t('申请人', 'Applicant'), children: doc.applicantName },
            { label: t('金额合计', 'Total'), children: <Money fen={doc.totalFen} /> },
            {
              label: t('提交时间', 'Submitted'),
              children: doc.submittedAt ? formatDateTime(doc.submittedAt) : '—',
            },
            {
              label: t('执行', 'Executed'),
              children: doc.executedAt ? `${doc.executedByName ?? ''} ${formatDateTime(doc.executedAt)}` : '—',
            },
          ]}
        />
        <PayloadItems doc={doc} />
      </Card>
      <Card size="small" title={t('明细', 'Lines')} style={{ marginTop: 12 }}>
        <Table<DocumentLine>
          rowKey="id"
          size="small"
          dataSource={doc.lines}
          columns={lineColumns(doc, t)}
          pagination={doc.lines.length > 50 ? { pageSize: 50 } : false}
        />
      </Card>
      <Card size="small" title={t('审批环节', 'Approval steps')} style={{ marginTop: 12 }} data-testid="steps">
        {doc.steps.length === 0 ? (
          <Typography.Text type="secondary">
            {doc.status === 'draft' ? t('提交后按审批流程生成', 'Generated on submission') : t('无需审批', 'No approval needed')}
          </Typography.Text>
        ) : (
          <Steps
            size="small"
            current={currentIndex < 0 ? doc.steps.length : currentIndex}
            status={doc.status === 'rejected' ? 'error' : undefined}
            items={doc.steps.map((s) => ({
              title: (
                <Space size={4}>
                  {s.label}
                  {s.special && <Tag color="red">{t('特别审批', 'Special')}</Tag>}
                </Space>
              ),
              description: (
                <div>
                  <div>{label(STEP_SCOPES[s.scope as keyof typeof STEP_SCOPES] ?? [s.scope, s.scope], locale)}</div>
                  {s.decidedByName && (
                    <div>
                      {s.decidedByName}
                      {s.onBehalfOfName ? t(`（代 ${s.onBehalfOfName}）`, ` (for ${s.onBehalfOfName})`) : ''} ·{' '}
                      {s.state === 'approved'
                        ? t('同意', 'approved')
                        : s.state === 'rejected'
                          ? t('驳回', 'rejected')
                          : t('退回', 'returned')}
                    </div>
                  )}
                  {s.comment && <div>“{s.comment}”</div>}
                  {s.decidedAt && <div>{formatDateTime(s.decidedAt)}</div>}
                  {(s.cosigns ?? []).map((c) => (
                    <div key={c.addedAt} data-testid="cosign-line">
                      {t(`加签：${c.signerName}`, `Signer: ${c.signerName}`)}
                      {t(`（${c.addedByName} 加签）`, ` (added by ${c.addedByName})`)} ·{' '}
                      {c.state === 'pending'
                        ? t('待审批', 'waiting')
                        : `${c.decidedByName}${c.onBehalfOfName ? t(`（代 ${c.onBehalfOfName}）`, ` (for ${c.onBehalfOfName})`) : ''} ${
                            c.state === 'approved' ? t('同意', 'approved') : t('驳回', 'rejected')
                          }`}
                      {c.comment && ` “${c.comment}”`}
                    </div>
                  ))}
                </div>
              ),
              status: s.state === 'approved' ? 'finish' : s.state === 'rejected' || s.state === 'returned' ? 'error' : undefined,
            }))}
          />
        )}
      </Card>
      <DocumentAttachmentsCard id={doc.id} />
      <DocumentCommentsCard id={doc.id} canComment={can('document.comment')} />
      <Card size="small" title={t('单据历史', 'History')} style={{ marginTop: 12 }}>
        <Timeline
          items={doc.events.map((e) => ({
            children: (
              <span>
                {formatDateTime(e.at)} · {e.actorName ?? '系统'} · <b>{label(EVENT_LABELS[e.type] ?? [e.type, e.type], locale)}</b>
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
      <Modal
        open={!!deciding}
        title={deciding === 'approve' ? t('同意', 'Approve') : deciding === 'reject' ? t('驳回', 'Reject') : t('退回修改', 'Return')}
        okText={t('确定', 'OK')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ danger: deciding === 'reject', loading: busy }}
        onOk={decide}
        onCancel={() => setDeciding(null)}
      >
        <Typography.Paragraph>
          {deciding === 'approve' ? t('确认同意本环节？', 'Approve this step?') : t('请填写意见（必填）', 'A comment is required')}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('审批意见', 'Comment')}
          data-testid="decision-comment"
        />
      </Modal>
    </>
  );
}
