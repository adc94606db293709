// The card library's calls (cards, their history, attachments and depreciation, bulk documents, the
// Excel export): query keys, hooks and writes over the typed client (src/web/api/client.ts).
import { useQuery } from '@tanstack/react-query';
import type { ATTACHMENT_KINDS } from '../../../shared/assets.contracts.ts';
import { type Body, fileBody, http, ok } from '../../api/client.ts';

export const cardKeys = {
  /** Everything about one card (its detail, timeline, attachments and depreciation): invalidated after a change. */
  card: (id: string) => ['card', id] as const,
  timeline: (id: string) => ['card', id, 'timeline'] as const,
  attachments: (id: string) => ['card', id, 'attachments'] as const,
  depreciation: (id: string) => ['card', id, 'depreciation'] as const,
  documentRef: (id: string) => ['document-ref', id] as const,
  buildings: ['select', 'buildings'] as const,
};

export const getCard = (id: string) => ok(http.GET('/api/cards/{id}', { params: { path: { id } } }));
/** One card as the detail and phone pages show it. */
export type CardView = Awaited<ReturnType<typeof getCard>>;
export const useCard = (id: string) => useQuery({ queryKey: cardKeys.card(id), queryFn: () => getCard(id) });

export const useCardTimeline = (id: string) =>
  useQuery({ queryKey: cardKeys.timeline(id), queryFn: () => ok(http.GET('/api/cards/{id}/timeline', { params: { path: { id } } })) });

export const useCardAttachments = (id: string) =>
  useQuery({
    queryKey: cardKeys.attachments(id),
    queryFn: () => ok(http.GET('/api/cards/{id}/attachments', { params: { path: { id } } })),
  });

export const uploadAttachment = (id: string, kind: keyof typeof ATTACHMENT_KINDS, file: File) =>
  ok(http.POST('/api/cards/{id}/attachments', { params: { path: { id }, query: { kind } }, body: fileBody(file) }));

export const useCardDepreciation = (id: string) =>
  useQuery({
    queryKey: cardKeys.depreciation(id),
    queryFn: () => ok(http.GET('/api/depreciation/cards/{id}', { params: { path: { id } } })),
  });

/** A document named in a card's history: its number and type (read once, cached; a refusal is not retried). */
export const useDocumentRef = (id: string) =>
  useQuery({
    queryKey: cardKeys.documentRef(id),
    queryFn: () => ok(http.GET('/api/documents/{id}', { params: { path: { id } } })),
    staleTime: 5 * 60_000,
    retry: false,
  });

/** Buildings for the card list's location filter. */
export const useBuildings = () =>
  useQuery({ queryKey: cardKeys.buildings, queryFn: () => ok(http.GET('/api/buildings')), staleTime: 300_000 });

export const registerCard = (body: Body<'/api/cards', 'post'>) => ok(http.POST('/api/cards', { body }));

export const updateCard = (id: string, body: Body<'/api/cards/{id}', 'patch'>) =>
  ok(http.PATCH('/api/cards/{id}', { params: { path: { id } }, body }));

export const voidCard = (id: string, reason: string) =>
  ok(http.POST('/api/cards/{id}/void', { params: { path: { id } }, body: { reason } }));

/** The card list as an Excel file, built by a job (the filter the list shows now). */
export const startCardExport = (filter: Body<'/api/card-io/exports', 'post'>) => ok(http.POST('/api/card-io/exports', { body: filter }));
