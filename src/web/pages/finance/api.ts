import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { useSession } from '../../app/session.tsx';
import type { Permission } from '../../../shared/roles.ts';

/** Report filters live in the URL, so a filtered report can be bookmarked, printed and shared. */
export function useReportFilter(defaults: { from?: string; to?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const thisMonth = dayjs().format('YYYY-MM');
  const filter = useMemo(
    () => ({
      from: params.get('from') ?? defaults.from ?? `${thisMonth.slice(0, 4)}-01`,
      to: params.get('to') ?? defaults.to ?? thisMonth,
      unitId: params.get('unitId') ?? undefined,
      categoryId: params.get('categoryId') ?? undefined,
      categoryLevel: Number(params.get('categoryLevel') ?? 1),
    }),
    [params, thisMonth, defaults.from, defaults.to],
  );
  const set = (patch: Partial<Record<keyof typeof filter | 'kind' | 'month', string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { filter, set, params };
}

/** The one unit a unit-scoped user works in, or undefined for system-wide roles. */
export function useOwnUnit(permission: Permission): { scoped: boolean; unitId?: string } {
  const session = useSession();
  const units = session.units(permission);
  if (units === 'all') return { scoped: false };
  return { scoped: true, unitId: units[0] };
}

export const query = (f: Record<string, string | number | undefined>) =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string | number>;
