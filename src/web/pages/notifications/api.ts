// The notifications module's calls (the user's notifications and preferences; the administrator's
// channels and failed deliveries) over the typed client (src/web/api/client.ts).
import { type Body, ok, http } from '../../api/client.ts';

export const listNotifications = (limit: number) => ok(http.GET('/api/notifications', { params: { query: { limit } } }));
export const markRead = (id: number) => ok(http.POST('/api/notifications/{id}/read', { params: { path: { id } } }));
export const markAllRead = () => ok(http.POST('/api/notifications/read-all'));
export const getPreferences = () => ok(http.GET('/api/notifications/preferences'));
export const savePreferences = (body: Body<'/api/notifications/preferences', 'put'>) =>
  ok(http.PUT('/api/notifications/preferences', { body }));

export const listChannels = () => ok(http.GET('/api/notification-channels'));
export const listFailedDeliveries = () => ok(http.GET('/api/notification-deliveries', { params: { query: { status: 'failed' } } }));
export const saveChannel = (id: string | null, body: Body<'/api/notification-channels', 'post'>) =>
  id
    ? ok(http.PUT('/api/notification-channels/{id}', { params: { path: { id } }, body }))
    : ok(http.POST('/api/notification-channels', { body }));
export const deleteChannel = (id: string) => ok(http.DELETE('/api/notification-channels/{id}', { params: { path: { id } } }));
export const retryDelivery = (id: number) => ok(http.POST('/api/notification-deliveries/{id}/retry', { params: { path: { id } } }));
