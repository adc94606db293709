import { useState } from 'react';
import { App, Button, Select, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES } from '../../shared/assets.contracts.ts';
import { label } from '../../shared/assets.enums.ts';
import { useI18n } from '../app/i18n.tsx';
import { useShowError } from './useFormErrors.ts';

/**
 * The kind picker and upload button of an attachments card (a card's invoices, a document's appraisal):
 * PDF or an image up to 10 MB, refused in the browser before it is sent when larger. With one kind
 * (a pool item's photos) there is no picker; `imagesOnly` offers JPEG, PNG and WebP alone.
 */
export function AttachmentUpload<K extends string>({
  kinds,
  initialKind,
  upload,
  imagesOnly,
}: {
  kinds: Record<K, readonly [string, string]>;
  initialKind: K;
  /** Sends the file; the caller refreshes what shows it. */
  upload: (kind: K, file: File) => Promise<unknown>;
  imagesOnly?: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const showError = useShowError();
  const [kind, setKind] = useState<K>(initialKind);
  return (
    <Space>
      {Object.keys(kinds).length > 1 && (
        <Select
          size="small"
          value={kind}
          onChange={setKind}
          style={{ width: 110 }}
          options={(Object.entries(kinds) as [K, readonly [string, string]][]).map(([k, v]) => ({ value: k, label: label(v, locale) }))}
        />
      )}
      <Upload
        showUploadList={false}
        accept={ATTACHMENT_TYPES.filter((type) => !imagesOnly || type.startsWith('image/')).join(',')}
        beforeUpload={(file) => {
          if (file.size > ATTACHMENT_MAX_BYTES) {
            message.error(t('附件不能超过 10 MB', 'Attachments are limited to 10 MB'));
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError }) => {
          try {
            await upload(kind, file as File);
            message.success(t('已上传', 'Uploaded'));
            onSuccess?.({});
          } catch (e) {
            showError(e);
            onError?.(e as Error);
          }
        }}
      >
        <Button size="small" icon={<UploadOutlined />}>
          {imagesOnly
            ? t('上传照片（JPEG/PNG/WebP，≤10MB）', 'Upload a photo (≤10 MB)')
            : t('上传（PDF/图片，≤10MB）', 'Upload (PDF/image, ≤10 MB)')}
        </Button>
      </Upload>
    </Space>
  );
}
