import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useAuth } from './auth.tsx';

/** The name of a unit for display (GET /api/units/:id); undefined while unknown or not readable. */
export function useUnitName(unitId: string | null | undefined): string | undefined {
  const { session } = useAuth();
  const { data } = useQuery({
    queryKey: ['unit-name', unitId],
    queryFn: () => api.get<{ name?: string; shortName?: string }>(`/api/units/${unitId}`),
    enabled: !!unitId && !!session?.can('org.read'),
    staleTime: 10 * 60_000,
    retry: false,
  });
  return data?.shortName || data?.name || undefined;
}
