import { useState, type ReactNode } from 'react';
import { App, Button, Popconfirm } from 'antd';
import type { ButtonProps } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

export interface ConfirmButtonProps extends Omit<ButtonProps, 'onClick' | 'loading'> {
  /** The question, e.g. t('确定作废该单据？', 'Void this document?'). */
  confirm: ReactNode;
  /** A second line under the question (what cannot be undone). */
  description?: ReactNode;
  /** Runs after confirmation; the button spins until it settles, and a refusal is shown. */
  onConfirm: () => unknown | Promise<unknown>;
  /** Shown with message.success when the action succeeds. */
  successMessage?: string;
  okText?: string;
  /** Called with the error after it has been shown. */
  onError?: (err: unknown) => void;
}

/** A button that asks before an irreversible action. `danger` makes both the button and OK red. */
export function ConfirmButton({
  confirm,
  description,
  onConfirm,
  successMessage,
  okText,
  onError,
  danger,
  children,
  disabled,
  ...button
}: ConfirmButtonProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onConfirm();
      if (successMessage) message.success(successMessage);
    } catch (err) {
      message.error(errorText(err));
      onError?.(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={confirm}
      description={description}
      okText={okText ?? t('确定', 'OK')}
      cancelText={t('取消', 'Cancel')}
      okButtonProps={{ danger }}
      onConfirm={run}
      disabled={disabled || busy}
    >
      <Button danger={danger} loading={busy} disabled={disabled} {...button}>
        {children}
      </Button>
    </Popconfirm>
  );
}

export default ConfirmButton;
