import { useState } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useI18n } from '../app/i18n.tsx';
import { useFormErrors } from './useFormErrors.ts';

/**
 * The save step of a form dialog: runs `action` with the form's values, says 已保存 (or the text
 * `action` returns), calls `onDone`, and puts the server's field errors beside their fields.
 *
 *   const { saving, submit } = useFormSubmit(form, (v) => saveUnit(null, v), () => onClose(true));
 *   <Form form={form} onFinish={submit}> … <Button loading={saving} onClick={() => form.submit()}>
 */
export function useFormSubmit<T>(form: FormInstance<T>, action: (values: T) => Promise<unknown>, onDone: () => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showErrors = useFormErrors(form as FormInstance);
  const [saving, setSaving] = useState(false);
  const submit = async (values: T) => {
    setSaving(true);
    try {
      const text = await action(values);
      message.success(typeof text === 'string' ? text : t('已保存', 'Saved'));
      onDone();
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return { saving, submit };
}
