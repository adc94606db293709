// Notifications' public surface: other modules tell people of something through notify(), inside
// the transaction of the change (docs/decisions.md: notifications).
export { notify, type NotifyInput } from './notify.service.ts';
