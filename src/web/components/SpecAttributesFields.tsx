// 规格参数 inputs (shared/spec-attributes.rules.ts): the spec attributes a category's items have —
// memory and storage for computers, seats for vehicles … — for a configuration line (what it needs)
// and for a pool item (what it is). Nothing is shown for a category without any.
import { Col, Form, InputNumber, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useQuery } from '@tanstack/react-query';
import { SPEC_ATTRIBUTES, type SpecKey, specKeysFor } from '../../shared/spec-attributes.rules.ts';
import { http, ok } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';

interface Node {
  id: string;
  code: string;
  children?: Node[];
}

function codeOf(nodes: Node[] | undefined, id: string): string | undefined {
  for (const n of nodes ?? []) {
    if (n.id === id) return n.code;
    const found = codeOf(n.children, id);
    if (found) return found;
  }
  return undefined;
}

/** A category's code from the tree the category selects read (the same cached query). */
export function useCategoryCode(categoryId: string | undefined): string | undefined {
  const { data } = useQuery({
    queryKey: ['select', 'categories', undefined],
    queryFn: () => ok(http.GET('/api/categories/tree', { params: { query: {} } })),
    staleTime: 10 * 60_000,
    enabled: !!categoryId,
  });
  const items = (Array.isArray(data) ? data : (data as { items?: Node[] } | undefined)?.items) as Node[] | undefined;
  return categoryId ? codeOf(items, categoryId) : undefined;
}

const SIGN = { min: '≥', eq: '', max: '≤' } as const;

/** The spec inputs for a category (by code), under `name` (e.g. [line, 'specAttributes']). */
export function SpecAttributesFields({ name, categoryCode, span = 4 }: { name: NamePath; categoryCode?: string; span?: number }) {
  const { t, locale } = useI18n();
  const keys = specKeysFor(categoryCode);
  const path = (k: SpecKey) => [...(Array.isArray(name) ? name : [name]), k];
  return (
    <>
      {keys.map((k) => {
        const def = SPEC_ATTRIBUTES[k];
        const label = `${locale === 'en' ? def.en : def.zh}${SIGN[def.compare] ? `（${SIGN[def.compare]}）` : ''}`;
        return (
          <Col xs={12} md={span} key={k}>
            <Form.Item name={path(k)} label={label}>
              {def.kind === 'number' ? (
                <InputNumber
                  min={0}
                  max={'max' in def ? def.max : undefined}
                  style={{ width: '100%' }}
                  suffix={'unit' in def ? def.unit : undefined}
                  data-testid={`spec-${k}`}
                />
              ) : def.kind === 'enum' ? (
                <Select
                  allowClear
                  options={Object.entries(def.options).map(([value, label]) => ({ value, label }))}
                  data-testid={`spec-${k}`}
                />
              ) : (
                <Select
                  allowClear
                  options={[
                    { value: true, label: t('是', 'Yes') },
                    { value: false, label: t('否', 'No') },
                  ]}
                />
              )}
            </Form.Item>
          </Col>
        );
      })}
    </>
  );
}

/** The spec as given by the inputs: empty ones left out, nothing when none was given. */
export function cleanSpec(v: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const out = Object.fromEntries(Object.entries(v ?? {}).filter(([, x]) => x !== null && x !== undefined && x !== ''));
  return Object.keys(out).length ? out : undefined;
}
