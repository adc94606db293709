import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';
import { errorText, splitFieldErrors } from './errors.ts';

export { fieldPath, errorText } from './errors.ts';

/**
 * Returns `(err) => void` for a form's catch: server field errors ("lines.2.price") go beside their
 * fields; everything else (and field errors for fields the form does not have) goes to a message.
 *
 *   const showErrors = useFormErrors(form);
 *   try { await saveUnit(id, values) } catch (e) { showErrors(e) }   // a write from the module's api.ts
 */
export function useFormErrors(form?: FormInstance, aliases?: Record<string, (string | number)[]>): (err: unknown) => void {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && form && Object.keys(err.fields).length > 0) {
        const registered = form.getFieldsError().map((f) => f.name as (string | number)[]);
        const { onForm, elsewhere } = splitFieldErrors(err.fields, registered, aliases);
        if (onForm.length) {
          form.setFields(onForm);
          form.scrollToField(onForm[0].name, { block: 'center' });
        }
        if (elsewhere.length) message.error([errorText(err), ...elsewhere].join('；'));
        else if (!onForm.length) message.error(errorText(err));
        return;
      }
      message.error(errorText(err));
    },
    [form, message, aliases],
  );
}

/** For places without a form: `const showError = useShowError(); … catch (e) { showError(e) }`. */
export function useShowError(): (err: unknown) => void {
  return useFormErrors(undefined);
}
