import { useQuery } from '@tanstack/react-query';
import { listResources } from './api.ts';
import { businessInstantIso, formatDateTime } from '../../lib/dates.ts';
import type { ResourceKind, ResourceView } from '../../../shared/sharing.contracts.ts';

export const useResources = (kind?: string) =>
  useQuery({
    queryKey: ['sharing-resources', kind ?? ''],
    queryFn: () => listResources({ kind: kind as ResourceKind | undefined }),
  });

/** 'HH:MM' in the business zone (UTC+8) of an ISO instant. */
export const clockOf = (iso: string) => formatDateTime(iso).slice(11, 16);
/** 'YYYY-MM-DD' in the business zone of an ISO instant. */
export const dayOf = (iso: string) => formatDateTime(iso).slice(0, 10);
/** The ISO instant of a business-zone day and time. */
export const instant = businessInstantIso;
export const toMinutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
export const fromMinutes = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The slot times of a resource's day: 08:00, 08:30 … (ends included when `ends`). */
export function slotTimes(r: Pick<ResourceView, 'openFrom' | 'openTo' | 'slotMinutes'>, ends = false): string[] {
  const out: string[] = [];
  const from = toMinutes(r.openFrom);
  const to = toMinutes(r.openTo);
  for (let m = ends ? from + r.slotMinutes : from; ends ? m <= to : m < to; m += r.slotMinutes) out.push(fromMinutes(m));
  return out;
}
