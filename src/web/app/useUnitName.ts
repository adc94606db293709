import { useQuery } from '@tanstack/react-query';
import { ok, http } from '../api/client.ts';
import { useAuth } from './auth.tsx';

/** The name of a unit for display (GET /api/units/:id); undefined while unknown or not readable. */
export function useUnitName(unitId: string | null | undefined): string | undefined {
  const { session } = useAuth();
  const { data: unit } = useQuery({
    queryKey: ['unit-name', unitId],
    queryFn: () => ok(http.GET('/api/units/{id}', { params: { path: { id: unitId! } } })),
    enabled: !!unitId && !!session?.can('org.read'),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return unit?.shortName || unit?.name || undefined;
}
