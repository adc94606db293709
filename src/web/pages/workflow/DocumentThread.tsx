import { useState } from 'react';
import { App, Button, Card, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { label } from '../../../shared/assets.enums.ts';
import { DOCUMENT_ATTACHMENT_KINDS, type DocumentAttachmentKind } from '../../../shared/document-thread.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { AttachmentUpload } from '../../components/AttachmentUpload.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../lib/dates.ts';
import {
  addDocumentComment,
  documentKey,
  removeDocumentAttachment,
  threadKeys,
  uploadDocumentAttachment,
  useDocumentAttachments,
  useDocumentComments,
} from './api.ts';

/** 附件: 评估报告, 报价单 … added while the document is a draft or returned; kept once submitted. */
export function DocumentAttachmentsCard({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const { data, isLoading } = useDocumentAttachments(id);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: threadKeys.attachments(id) });
    void qc.invalidateQueries({ queryKey: documentKey(id) });
  };
  return (
    <Card
      size="small"
      title={t('附件', 'Attachments')}
      style={{ marginTop: 12 }}
      data-testid="document-attachments"
      extra={
        data?.canAdd && (
          <AttachmentUpload
            kinds={DOCUMENT_ATTACHMENT_KINDS}
            initialKind="appraisal"
            upload={async (kind, file) => {
              await uploadDocumentAttachment(id, kind, file);
              await refresh();
            }}
          />
        )
      }
    >
      <Table<NonNullable<typeof data>['items'][number]>
        size="small"
        rowKey="id"
        loading={isLoading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('暂无附件', 'No attachments') }}
        columns={[
          {
            title: t('类别', 'Kind'),
            dataIndex: 'kind',
            width: 100,
            render: (v: string) => label(DOCUMENT_ATTACHMENT_KINDS[v as DocumentAttachmentKind] ?? [v, v], locale),
          },
          {
            title: t('文件', 'File'),
            dataIndex: 'fileName',
            render: (v: string, r) => (
              <Space size={4}>
                <a href={`/api/documents/${id}/attachments/${r.id}`} target="_blank" rel="noreferrer">
                  {v}
                </a>
                {r.kept && <Tag>{t('已随单据提交', 'Submitted with the document')}</Tag>}
              </Space>
            ),
          },
          { title: t('大小', 'Size'), dataIndex: 'size', width: 90, render: (v: number) => `${Math.max(1, Math.round(v / 1024))} KB` },
          { title: t('上传人', 'By'), dataIndex: 'uploaderName', width: 140 },
          { title: t('上传时间', 'At'), dataIndex: 'uploadedAt', width: 170, render: (v: string) => formatDateTime(v) },
          {
            key: 'remove',
            width: 80,
            render: (_: unknown, r) =>
              r.removable && (
                <ConfirmButton
                  size="small"
                  danger
                  confirm={t(`确定删除附件「${r.fileName}」？`, `Remove ${r.fileName}?`)}
                  onConfirm={async () => {
                    await removeDocumentAttachment(id, r.id);
                    await refresh();
                  }}
                  successMessage={t('已删除', 'Removed')}
                >
                  {t('删除', 'Remove')}
                </ConfirmButton>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 意见交流: questions and answers between the applicant and the approvers; never edited. */
export function DocumentCommentsCard({ id, canComment }: { id: string; canComment: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = useDocumentComments(id);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    try {
      await addDocumentComment(id, text);
      setText('');
      await qc.invalidateQueries({ queryKey: threadKeys.comments(id) });
      void qc.invalidateQueries({ queryKey: documentKey(id) });
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('意见交流', 'Comments')} style={{ marginTop: 12 }} data-testid="document-comments">
      <List
        size="small"
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('暂无意见', 'No comments yet') }}
        renderItem={(c) => (
          <List.Item>
            <div>
              <Typography.Text type="secondary">
                {c.authorName ?? '—'} · {formatDateTime(c.at)}
              </Typography.Text>
              <div style={{ whiteSpace: 'pre-wrap' }}>{c.body}</div>
            </div>
          </List.Item>
        )}
      />
      {canComment && (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('向申请人或审批人提问、补充说明（发表后不能修改）', 'Ask or explain (a comment cannot be edited)')}
            data-testid="comment-input"
          />
          <Button type="primary" loading={busy} disabled={!text.trim()} onClick={send} data-testid="comment-send">
            {t('发表', 'Send')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
