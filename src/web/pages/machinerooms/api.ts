// The machine-rooms module's calls over the typed client (src/web/api/client.ts): information
// points and their trace, and the SLA calendar. Lists use ServerTable with the list URL.
import { useQuery } from '@tanstack/react-query';
import { type Body, fileBody, http, ok } from '../../api/client.ts';

export const POINTS_URL = '/api/info-points';

export const machineRoomKeys = {
  rooms: ['machine-rooms'] as const,
  trace: (id: string) => ['info-point-trace', id] as const,
  calendar: (year: number) => ['om-calendar', year] as const,
};

export const useMachineRoomList = () =>
  useQuery({ queryKey: machineRoomKeys.rooms, queryFn: () => ok(http.GET('/api/machine-rooms')).then((r) => r.items) });

export const usePointTrace = (id: string | null) =>
  useQuery({
    queryKey: machineRoomKeys.trace(id ?? ''),
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/info-points/{id}/trace', { params: { path: { id: id! } } })),
  });

/** Imports a room's point register (xlsx/CSV), all or nothing; answers what was created and updated. */
export const importPoints = (file: File) => ok(http.POST('/api/info-points/import', { body: fileBody(file) }));

export const savePoint = (id: string | null, body: Body<'/api/info-points', 'post'>) =>
  id ? ok(http.PUT('/api/info-points/{id}', { params: { path: { id } }, body })) : ok(http.POST('/api/info-points', { body }));

export const useCalendarYear = (year: number) =>
  useQuery({
    queryKey: machineRoomKeys.calendar(year),
    queryFn: () => ok(http.GET('/api/om/calendar/{year}', { params: { path: { year } } })),
  });

export const saveCalendarYear = (year: number, body: Body<'/api/om/calendar/{year}', 'put'>) =>
  ok(http.PUT('/api/om/calendar/{year}', { params: { path: { year } }, body }));
