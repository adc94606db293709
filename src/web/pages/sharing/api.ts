// The sharing module's calls (catalogue, bookings, check-in, usage, charges) over the typed client
// (src/web/api/client.ts): each answer's type comes from the server's schema.
import { type Body, http, ok } from '../../api/client.ts';
import type { ResourceKind } from '../../../shared/sharing.contracts.ts';

const path = (id: string) => ({ params: { path: { id } } });

export const listResources = (query: {
  q?: string;
  kind?: ResourceKind;
  minCapacity?: number;
  equipment?: string;
  includeInactive?: 'true' | 'false';
}) => ok(http.GET('/api/sharing/resources', { params: { query } }));
export const getResource = (id: string) => ok(http.GET('/api/sharing/resources/{id}', path(id)));
export const saveResource = (id: string | null, body: Body<'/api/sharing/resources', 'post'>) =>
  id ? ok(http.PUT('/api/sharing/resources/{id}', { ...path(id), body })) : ok(http.POST('/api/sharing/resources', { body }));
export const resourcePhotos = (id: string) => ok(http.GET('/api/sharing/resources/{id}/photos', path(id)));
/** The URL an <img> shows a photo from. */
export const photoUrl = (id: string) => `/api/sharing/photos/${id}`;
export const addPhoto = (id: string, body: Body<'/api/sharing/resources/{id}/photos', 'post'>) =>
  ok(http.POST('/api/sharing/resources/{id}/photos', { ...path(id), body }));
export const removePhoto = (id: string) => ok(http.DELETE('/api/sharing/photos/{id}', path(id)));

export const calendar = (query: { date: string; days: number; kind?: ResourceKind; resourceId?: string }) =>
  ok(http.GET('/api/sharing/calendar', { params: { query } }));
export const available = (query: { startsAt: string; endsAt: string; kind?: ResourceKind; minCapacity?: number; equipment?: string }) =>
  ok(http.GET('/api/sharing/available', { params: { query } }));
export const checkBooking = (body: Body<'/api/bookings/check', 'post'>) => ok(http.POST('/api/bookings/check', { body }));
export const createBooking = (body: Body<'/api/bookings', 'post'>) => ok(http.POST('/api/bookings', { body }));
export const changeTime = (id: string, body: Body<'/api/bookings/{id}/time', 'put'>) =>
  ok(http.PUT('/api/bookings/{id}/time', { ...path(id), body }));
export const cancelBooking = (id: string) => ok(http.POST('/api/bookings/{id}/cancel', { ...path(id), body: {} }));
export const decideBooking = (id: string, approve: boolean) =>
  ok(http.POST('/api/bookings/{id}/decide', { ...path(id), body: { approve } }));
export const finishBooking = (id: string) => ok(http.POST('/api/bookings/{id}/finish', path(id)));
export const dispatchTrip = (id: string, body: Body<'/api/bookings/{id}/dispatch', 'post'>) =>
  ok(http.POST('/api/bookings/{id}/dispatch', { ...path(id), body }));
export const returnTrip = (id: string, body: Body<'/api/bookings/{id}/return', 'post'>) =>
  ok(http.POST('/api/bookings/{id}/return', { ...path(id), body }));

export const checkInView = (id: string) => ok(http.GET('/api/sharing/resources/{id}/check-in', path(id)));
export const checkIn = (id: string) => ok(http.POST('/api/sharing/resources/{id}/check-in', path(id)));

export const usage = (month: string) => ok(http.GET('/api/sharing/usage', { params: { query: { month } } }));
export const trips = (month: string) => ok(http.GET('/api/sharing/trips', { params: { query: { month } } }));
export const chargeLines = (month: string) => ok(http.GET('/api/sharing/charges', { params: { query: { month } } }));
export const generateCharges = (month: string) => ok(http.POST('/api/sharing/charges', { body: { month } }));
