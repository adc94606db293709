import { useMemo, useState } from 'react';
import { Empty, Input, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import type { CategoryNode } from '../../../shared/catalog.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';

/** The nodes whose code or name contains the text, with their ancestors (so the path stays visible). */
function filterTree(nodes: CategoryNode[], text: string): { nodes: CategoryNode[]; expand: string[] } {
  const expand: string[] = [];
  const walk = (list: CategoryNode[]): CategoryNode[] =>
    list.flatMap((n) => {
      const children = walk(n.children);
      const hit = n.code.includes(text) || n.name.includes(text);
      if (!hit && children.length === 0) return [];
      if (children.length) expand.push(n.id);
      return [{ ...n, children: hit && children.length === 0 ? n.children : children }];
    });
  return { nodes: walk(nodes), expand };
}

const toData = (nodes: CategoryNode[], text: string): DataNode[] =>
  nodes.map((n) => ({
    key: n.id,
    title: (
      <span style={{ fontWeight: text && (n.code.includes(text) || n.name.includes(text)) ? 600 : undefined }}>
        <span style={{ color: '#888', fontFamily: 'monospace', marginRight: 6 }}>{n.code}</span>
        {n.name}
      </span>
    ),
    children: toData(n.children, text),
  }));

export function CategoryTree({
  tree,
  loading,
  selected,
  onSelect,
}: {
  tree: CategoryNode[] | undefined;
  loading: boolean;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [expanded, setExpanded] = useState<string[]>([]);
  const view = useMemo(() => {
    const q = text.trim();
    if (!tree) return { data: [] as DataNode[], expand: [] as string[] };
    if (!q) return { data: toData(tree, ''), expand: null };
    const f = filterTree(tree, q);
    return { data: toData(f.nodes, q), expand: f.expand };
  }, [tree, text]);
  return (
    <div>
      <Input.Search
        allowClear
        placeholder={t('按编码或名称搜索', 'Search by code or name')}
        onSearch={setText}
        onChange={(e) => {
          if (!e.target.value) setText('');
        }}
        style={{ marginBottom: 8 }}
      />
      {loading ? (
        <Spin />
      ) : view.data.length === 0 ? (
        <Empty description={t('没有匹配的分类', 'No matching category')} />
      ) : (
        <Tree
          showLine
          height={640}
          treeData={view.data}
          selectedKeys={selected ? [selected] : []}
          expandedKeys={view.expand ?? expanded}
          onExpand={(keys) => setExpanded(keys as string[])}
          onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
        />
      )}
    </div>
  );
}
