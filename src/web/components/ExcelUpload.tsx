import { useState, type ReactNode } from 'react';
import { App, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

export interface ExcelUploadProps<R> {
  /** Sends the file: the module's own upload call (`http.POST(…, { body: fileBody(file, fields) })`). */
  upload: (file: File) => Promise<R>;
  /** The route's answer, e.g. { jobId }. */
  onUploaded: (response: R) => void;
  /** Called with a refusal after it has been shown. */
  onError?: (err: unknown) => void;
  /** Text under the icon; defaults to a Chinese/English drop hint. */
  hint?: ReactNode;
  accept?: string;
  disabled?: boolean;
}

/** Drop or pick one .xlsx file; it is posted at once and the answer handed to onUploaded. */
export function ExcelUpload<R>({ upload, onUploaded, onError, hint, accept = '.xlsx', disabled }: ExcelUploadProps<R>) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      disabled={disabled || busy}
      beforeUpload={(file) => {
        const okType = accept.split(',').some((ext) => file.name.toLowerCase().endsWith(ext.trim().toLowerCase()));
        if (!okType) {
          message.error(t(`请选择 ${accept} 文件`, `Choose a ${accept} file`));
          return Upload.LIST_IGNORE;
        }
        return true;
      }}
      customRequest={async ({ file, onSuccess, onError: failed }) => {
        setBusy(true);
        try {
          const res = await upload(file as File);
          onSuccess?.(res);
          onUploaded(res);
        } catch (err) {
          message.error(errorText(err));
          failed?.(err as Error);
          onError?.(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">
        {busy
          ? t('正在上传…', 'Uploading…')
          : (hint ?? t('点击或拖拽 Excel 文件（.xlsx）到此处上传', 'Click or drop an Excel file (.xlsx) here'))}
      </p>
    </Upload.Dragger>
  );
}

export default ExcelUpload;
