// The pool module's calls (the idle pool, repairs and lots, statistics, the evaluation and
// accountability): query keys, hooks and writes over the typed client (src/web/api/client.ts).
// Lists of listings and requests use ServerTable with their list URLs.
import { useQuery } from '@tanstack/react-query';
import { type Body, fileBody, http, ok } from '../../api/client.ts';

export const poolKeys = {
  evaluation: (year: number) => ['evaluation', year] as const,
  evaluationAll: ['evaluation'] as const,
  indicators: (year: number) => ['indicators', year] as const,
  indicatorsAll: ['indicators'] as const,
  accountability: (year?: number, status?: string) => ['accountability', year, status] as const,
  accountabilityAll: ['accountability'] as const,
  utilisation: (idleMonths: number) => ['pool-utilisation', idleMonths] as const,
  repairs: (state?: 'open' | 'done') => ['pool-repairs', state] as const,
  repairsAll: ['pool-repairs'] as const,
  lots: ['pool-lots'] as const,
  stats: (from: string, to: string) => ['pool-stats', from, to] as const,
  listing: (id: string) => ['pool-listing', id] as const,
  photos: (id: string) => ['pool-listing', id, 'photos'] as const,
  receipt: (id: string) => ['pool-listing', id, 'receipt'] as const,
};

// ---- the pool ----

export const LISTINGS_URL = '/api/pool/listings';
export const REQUESTS_URL = '/api/pool/requests';

export const offerCards = (body: Body<'/api/pool/listings', 'post'>) => ok(http.POST('/api/pool/listings', { body }));
export const withdrawListing = (id: string) => ok(http.POST('/api/pool/listings/{id}/withdraw', { params: { path: { id } } }));
export const requestListing = (id: string, body: Body<'/api/pool/listings/{id}/requests', 'post'>) =>
  ok(http.POST('/api/pool/listings/{id}/requests', { params: { path: { id } }, body }));
export const decideRequest = (id: string, body: Body<'/api/pool/requests/{id}/decide', 'post'>) =>
  ok(http.POST('/api/pool/requests/{id}/decide', { params: { path: { id } }, body }));
export const returnLoan = (id: string) => ok(http.POST('/api/pool/requests/{id}/return', { params: { path: { id } }, body: {} }));
export const withdrawRequest = (id: string) => ok(http.POST('/api/pool/requests/{id}/withdraw', { params: { path: { id } } }));
/** 规格参数 of a pool item (replaces what it held). */
export const setListingSpec = (id: string, body: Body<'/api/pool/listings/{id}/spec', 'put'>) =>
  ok(http.PUT('/api/pool/listings/{id}/spec', { params: { path: { id } }, body }));
export const expireListings = () => ok(http.POST('/api/pool/expire'));

// ---- one item: its photos and its 入仓单 ----

export const useListing = (id: string) =>
  useQuery({ queryKey: poolKeys.listing(id), queryFn: () => ok(http.GET('/api/pool/listings/{id}', { params: { path: { id } } })) });
export const useListingPhotos = (id: string) =>
  useQuery({ queryKey: poolKeys.photos(id), queryFn: () => ok(http.GET('/api/pool/listings/{id}/photos', { params: { path: { id } } })) });
export const addListingPhoto = (id: string, file: File) =>
  ok(http.POST('/api/pool/listings/{id}/photos', { params: { path: { id } }, body: fileBody(file) }));
/** A photo's address, for an <img> (the session cookie goes with it). */
export const listingPhotoUrl = (listingId: string, photoId: string) => `/api/pool/listings/${listingId}/photos/${photoId}`;
export const useReceipt = (id: string) =>
  useQuery({
    queryKey: poolKeys.receipt(id),
    queryFn: () => ok(http.GET('/api/pool/listings/{id}/receipt', { params: { path: { id } } })),
  });
export const receiptExcelUrl = (id: string) => `/api/pool/listings/${id}/receipt.xlsx`;

export const useUtilisation = (idleMonths: number) =>
  useQuery({
    queryKey: poolKeys.utilisation(idleMonths),
    queryFn: () => ok(http.GET('/api/pool/utilisation', { params: { query: { idleMonths } } })),
  });

// ---- repair for reuse and bundled disposal ----

export const sendForRepair = (listingId: string, body: Body<'/api/pool/listings/{id}/repair', 'post'>) =>
  ok(http.POST('/api/pool/listings/{id}/repair', { params: { path: { id: listingId } }, body }));
export const finishRepair = (id: string, body: Body<'/api/pool/repairs/{id}/finish', 'post'>) =>
  ok(http.POST('/api/pool/repairs/{id}/finish', { params: { path: { id } }, body }));
export const useRepairs = (state?: 'open' | 'done') =>
  useQuery({
    queryKey: poolKeys.repairs(state),
    queryFn: () => ok(http.GET('/api/pool/repairs', { params: { query: { state, page: 1, pageSize: 100 } } })),
  });

export const createLot = (body: Body<'/api/pool/lots', 'post'>) => ok(http.POST('/api/pool/lots', { body }));
export const useLots = () =>
  useQuery({ queryKey: poolKeys.lots, queryFn: () => ok(http.GET('/api/pool/lots', { params: { query: { page: 1, pageSize: 100 } } })) });
/** The items a lot may take: proposed for disposal (the committee's disposal list). */
export const useDisposalList = () =>
  useQuery({
    queryKey: ['pool-disposal-list'],
    queryFn: () => ok(http.GET('/api/pool/listings', { params: { query: { status: 'disposal_proposed', page: 1, pageSize: 200 } } })),
  });

// ---- statistics ----

export const usePoolStats = (from: string, to: string) =>
  useQuery({ queryKey: poolKeys.stats(from, to), queryFn: () => ok(http.GET('/api/pool/stats', { params: { query: { from, to } } })) });
export const poolStatsExcelUrl = (from: string, to: string) => `/api/pool/stats/export.xlsx?from=${from}&to=${to}`;

// ---- the evaluation ----

export const useEvaluation = (year: number) =>
  useQuery({ queryKey: poolKeys.evaluation(year), queryFn: () => ok(http.GET('/api/evaluation', { params: { query: { year } } })) });
export const submitSelfEvaluation = (unitId: string, body: Body<'/api/evaluation/units/{id}/self', 'post'>) =>
  ok(http.POST('/api/evaluation/units/{id}/self', { params: { path: { id: unitId } }, body }));
export const submitReview = (unitId: string, body: Body<'/api/evaluation/units/{id}/review', 'post'>) =>
  ok(http.POST('/api/evaluation/units/{id}/review', { params: { path: { id: unitId } }, body }));

export const useIndicators = (year: number) =>
  useQuery({
    queryKey: poolKeys.indicators(year),
    queryFn: () => ok(http.GET('/api/evaluation/indicators', { params: { query: { year } } })),
  });
export const saveIndicator = (body: Body<'/api/evaluation/indicators', 'post'>) => ok(http.POST('/api/evaluation/indicators', { body }));

// ---- accountability ----

export const useViolations = (year?: number, status?: 'open' | 'closed') =>
  useQuery({
    queryKey: poolKeys.accountability(year, status),
    queryFn: () => ok(http.GET('/api/accountability', { params: { query: { year, status } } })),
  });
export const recordViolation = (body: Body<'/api/accountability', 'post'>) => ok(http.POST('/api/accountability', { body }));
export const closeViolation = (id: string, body: Body<'/api/accountability/{id}/close', 'post'>) =>
  ok(http.POST('/api/accountability/{id}/close', { params: { path: { id } }, body }));
export const detectViolations = () => ok(http.POST('/api/accountability/detect'));
