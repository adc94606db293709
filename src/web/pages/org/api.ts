// The org module's calls (units, departments, staff, places, rooms, users): query keys, hooks and
// writes over the typed client (src/web/api/client.ts). Lists use ServerTable with the list URL.
import { useQuery } from '@tanstack/react-query';
import { type Body, ok, http } from '../../api/client.ts';

export const orgKeys = {
  unit: (id: string) => ['unit', id] as const,
  /** Every departments query of a unit (both with and without the inactive ones). */
  departmentsOf: (unitId: string) => ['departments', unitId] as const,
  departments: (unitId: string, includeInactive: boolean) => ['departments', unitId, includeInactive] as const,
  placeTree: ['places', 'tree'] as const,
  room: (id: string) => ['room', id] as const,
};

export const useUnit = (id: string) =>
  useQuery({ queryKey: orgKeys.unit(id), queryFn: () => ok(http.GET('/api/units/{id}', { params: { path: { id } } })) });

export const useDepartments = (unitId: string, includeInactive: boolean) =>
  useQuery({
    queryKey: orgKeys.departments(unitId, includeInactive),
    queryFn: () =>
      ok(
        http.GET('/api/units/{id}/departments', {
          params: { path: { id: unitId }, query: { includeInactive: includeInactive ? 'true' : 'false' } },
        }),
      ),
  });

export const usePlaceTree = () => useQuery({ queryKey: orgKeys.placeTree, queryFn: () => ok(http.GET('/api/places/tree')) });

type Room = Awaited<ReturnType<typeof getRoom>>;
const getRoom = (id: string) => ok(http.GET('/api/rooms/{id}', { params: { path: { id } } }));
export const useRoom = (room: Room) => useQuery({ queryKey: orgKeys.room(room.id), queryFn: () => getRoom(room.id), initialData: room });

export const saveUnit = (id: string | null, body: Body<'/api/units', 'post'>) =>
  id ? ok(http.PUT('/api/units/{id}', { params: { path: { id } }, body })) : ok(http.POST('/api/units', { body }));

export const saveDepartment = (unitId: string, id: string | null, body: Body<'/api/units/{id}/departments', 'post'>) =>
  id
    ? ok(http.PUT('/api/departments/{id}', { params: { path: { id } }, body }))
    : ok(http.POST('/api/units/{id}/departments', { params: { path: { id: unitId } }, body }));

export const setDepartmentActive = (id: string, active: boolean) =>
  active
    ? ok(http.POST('/api/departments/{id}/activate', { params: { path: { id } } }))
    : ok(http.POST('/api/departments/{id}/deactivate', { params: { path: { id } } }));

export const saveStaff = (id: string | null, body: Body<'/api/staff', 'post'>) =>
  id ? ok(http.PUT('/api/staff/{id}', { params: { path: { id } }, body })) : ok(http.POST('/api/staff', { body }));

export type PlaceKind = 'compound' | 'building' | 'floor';
/** A compound, building or floor: new (`id` null) or edited. */
export function savePlace(kind: PlaceKind, id: string | null, body: Record<string, unknown>) {
  // The form gives the fields of whichever kind it edits; the server names any it refuses.
  const b = body as never;
  if (kind === 'compound')
    return id ? ok(http.PUT('/api/compounds/{id}', { params: { path: { id } }, body: b })) : ok(http.POST('/api/compounds', { body: b }));
  if (kind === 'building')
    return id ? ok(http.PUT('/api/buildings/{id}', { params: { path: { id } }, body: b })) : ok(http.POST('/api/buildings', { body: b }));
  return id ? ok(http.PUT('/api/floors/{id}', { params: { path: { id } }, body: b })) : ok(http.POST('/api/floors', { body: b }));
}

export const saveRoom = (id: string | null, body: Body<'/api/rooms', 'post'>) =>
  id ? ok(http.PUT('/api/rooms/{id}', { params: { path: { id } }, body })) : ok(http.POST('/api/rooms', { body }));

export const addOccupant = (roomId: string, staffId: string) =>
  ok(http.POST('/api/rooms/{id}/occupants', { params: { path: { id: roomId } }, body: { staffId } }));

export const removeOccupant = (roomId: string, staffId: string) =>
  ok(http.DELETE('/api/rooms/{id}/occupants/{staffId}', { params: { path: { id: roomId, staffId } } }));

export const createUser = (body: Body<'/api/users', 'post'>) => ok(http.POST('/api/users', { body }));

export const setUserRoles = (id: string, roles: Body<'/api/users/{id}/roles', 'put'>['roles']) =>
  ok(http.PUT('/api/users/{id}/roles', { params: { path: { id } }, body: { roles } }));

export const resetPassword = (id: string) => ok(http.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: {} }));

export const setUserActive = (id: string, active: boolean) =>
  ok(http.PATCH('/api/users/{id}', { params: { path: { id } }, body: { active } }));
