// The card import/export pages' calls over the typed client (src/web/api/client.ts): the import (a
// job to follow) and the cards to print labels for.
import { fileBody, http, ok, type QueryParams } from '../../api/client.ts';

/** Starts importing a filled template into a unit's cards; answers the job's id. */
export const importCards = (file: File, unitId: string | undefined) =>
  ok(http.POST('/api/card-io/imports', { params: { query: { unitId } }, body: fileBody(file) }));

/** The label page's query: a card-list filter from the address, or ids. */
export type LabelsQuery = QueryParams<'/api/card-io/labels', 'get'>;

export const getLabelCards = (query: LabelsQuery) => ok(http.GET('/api/card-io/labels', { params: { query } }));
