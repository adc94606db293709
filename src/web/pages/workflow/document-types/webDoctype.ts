import type { ReactNode } from 'react';
import type { FormInstance } from 'antd';
import type { FormLine } from '../CategoryLinesEditor.tsx';

// The web half of a document type (the shared half is src/shared/document-types/<type>.doctype.ts):
// its form fields and how its payload reads on the detail page. The form and detail pages render
// any type through this; they name none. docs/architecture.md, "Adding a document type".

export interface FieldsProps {
  form: FormInstance;
  /** The applicant unit (its departments, staff and rooms are offered). */
  unitId?: string;
  /** A transfer between units: the receiving unit, whose people and rooms are offered instead. */
  receiving?: string;
}

export interface LinesExtraProps {
  form: FormInstance;
  unitId?: string;
  onPick: (lines: FormLine[]) => void;
}

export interface LinesEditorProps {
  form: FormInstance;
  unitId?: string;
}

export interface DetailItem {
  label: string;
  children: ReactNode;
}

export type Translate = (zh: string, en: string) => string;

export interface WebDocumentType {
  /** The type's payload fields: `Col`s placed in the form's header row (a component: it may use hooks). */
  Fields?: (props: FieldsProps) => ReactNode;
  /** The payload a new document starts with. */
  initialPayload?: Record<string, unknown>;
  /** Category lines: the line editor's variant. */
  lineVariant?: 'config' | 'procurement' | 'acceptance';
  /** Item lines (spec.lines 'items'): the type's own line editor (a Form.List named 'lines'). */
  LinesEditor?: (props: LinesEditorProps) => ReactNode;
  /** A new document starts without a line (an order's lines come from approved requests). */
  startsEmpty?: boolean;
  /** Beside the lines' title (import lines). */
  LinesExtra?: (props: LinesExtraProps) => ReactNode;
  /** The applicant unit is not picked: the server fills it in (the committee's own orders). */
  ownUnit?: boolean;
  /** The payload in words on the detail page (the engine adds the receiving unit and the note). */
  details: (p: Record<string, unknown>, t: Translate, locale: string) => DetailItem[];
}

/** Detail items of the values present, in order. */
export function present(...items: [string, ReactNode][]): DetailItem[] {
  return items.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([label, children]) => ({ label, children }));
}
