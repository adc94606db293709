import type { RoomType } from '../../../shared/org.contracts.ts';
import { RANK_LABELS, ROLE_LABELS, ROOM_TYPE_LABELS } from '../../../shared/org.contracts.ts';
import { RANKS, ROLES, type Rank, type Role } from '../../../shared/roles.ts';

type T = (zh: string, en: string) => string;

export const rankLabel = (t: T, r: Rank) => t(RANK_LABELS[r].zh, RANK_LABELS[r].en);
export const roleLabel = (t: T, r: Role) => t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en);
export const roomTypeLabel = (t: T, r: RoomType) => t(ROOM_TYPE_LABELS[r].zh, ROOM_TYPE_LABELS[r].en);

export const rankOptions = (t: T) => RANKS.map((r) => ({ value: r, label: rankLabel(t, r) }));
export const roleOptions = (t: T) => ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }));
export const roomTypeOptions = (t: T) =>
  (Object.keys(ROOM_TYPE_LABELS) as RoomType[]).map((r) => ({ value: r, label: roomTypeLabel(t, r) }));
