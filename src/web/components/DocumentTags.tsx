import { CodeTag } from './StatusTag.tsx';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from '../../shared/workflow.contracts.ts';
import { label } from '../../shared/assets.enums.ts';
import { useI18n } from '../app/i18n.tsx';

export const DOC_STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'green',
  rejected: 'red',
  returned: 'orange',
  executed: 'blue',
  cancelled: 'default',
};

/** A document's status as a coloured tag, in the UI language. */
export function DocStatusTag({ status }: { status: string }) {
  return <CodeTag code={status} vocabulary={DOCUMENT_STATUSES} colors={DOC_STATUS_COLORS} />;
}

/** A document type's label in the UI language (the code itself for an unknown type). */
export function useDocTypeLabel() {
  const { locale } = useI18n();
  return (type: string) => {
    const pair = (DOCUMENT_TYPES as Record<string, readonly [string, string]>)[type];
    return pair ? label(pair, locale) : type;
  };
}
