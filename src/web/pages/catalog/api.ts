// The catalog module's calls: query keys and hooks over the typed client (src/web/api/client.ts).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CategoryCreate, CategoryPatch, Edition } from '../../../shared/catalog.contracts.ts';
import { fileBody, ok, http } from '../../api/client.ts';

export const catalogKeys = {
  /** Every category query: invalidated after any change to the tree. */
  all: ['categories'] as const,
  tree: (edition: Edition) => ['categories', 'tree', edition] as const,
  one: (id: string | null) => ['categories', 'one', id] as const,
};

export const useCategoryTree = (edition: Edition) =>
  useQuery({
    queryKey: catalogKeys.tree(edition),
    queryFn: () => ok(http.GET('/api/categories/tree', { params: { query: { edition } } })),
  });

export const useCategory = (id: string | null) =>
  useQuery({
    queryKey: catalogKeys.one(id),
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/categories/{id}', { params: { path: { id: id! } } })),
  });

export function useCreateCategory(edition: Edition) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: CategoryCreate) => ok(http.POST('/api/categories', { body: { ...v, edition } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

export function useUpdateCategory(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: CategoryPatch) => ok(http.PATCH('/api/categories/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

/** A CSV or .xlsx file of categories: all rows written or none; answers the row report. */
export const importCategories = (file: File) => ok(http.POST('/api/categories/import', { body: fileBody(file) }));
