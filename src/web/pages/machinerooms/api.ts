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

export const createMachineRoom = (body: Body<'/api/machine-rooms', 'post'>) => ok(http.POST('/api/machine-rooms', { body }));

export const machineRoomKey = (id: string) => ['machine-room', id] as const;
export const useMachineRoom = (id: string) =>
  useQuery({ queryKey: machineRoomKey(id), queryFn: () => ok(http.GET('/api/machine-rooms/{id}', { params: { path: { id } } })) });

export const addRow = (roomId: string, body: Body<'/api/machine-rooms/{id}/rows', 'post'>) =>
  ok(http.POST('/api/machine-rooms/{id}/rows', { params: { path: { id: roomId } }, body }));
export const addRack = (roomId: string, body: Body<'/api/machine-rooms/{id}/racks', 'post'>) =>
  ok(http.POST('/api/machine-rooms/{id}/racks', { params: { path: { id: roomId } }, body }));
/** Places a device in a rack or reserves U there. */
export const placeSlot = (rackId: string, body: Body<'/api/racks/{id}/slots', 'post'>) =>
  ok(http.POST('/api/racks/{id}/slots', { params: { path: { id: rackId } }, body }));
export const removeSlot = (id: string) => ok(http.DELETE('/api/rack-slots/{id}', { params: { path: { id } } }));

export const checklistKey = (roomId: string) => ['machine-room-checklist', roomId] as const;
export const useChecklist = (roomId: string) =>
  useQuery({
    queryKey: checklistKey(roomId),
    queryFn: () => ok(http.GET('/api/machine-rooms/{id}/checklist', { params: { path: { id: roomId } } })),
  });
export const saveChecklist = (roomId: string, body: Body<'/api/machine-rooms/{id}/checklist', 'put'>) =>
  ok(http.PUT('/api/machine-rooms/{id}/checklist', { params: { path: { id: roomId } }, body }));

/** Asset cards by number or name fragment, the first 20 (the caller's scope of the card library). */
export const useCardSearch = (q: string) =>
  useQuery({
    queryKey: ['card-picker', q],
    queryFn: () => ok(http.GET('/api/cards', { params: { query: { q: q || undefined, pageSize: 20 } } })),
  });

// Everything under om-… is refreshed together after a scorecard or report action (ScorecardsPage).
export const useContracts = () => useQuery({ queryKey: ['om-contracts'], queryFn: () => ok(http.GET('/api/om/contracts')) });
/** The cards in the scope of the contracts the caller reads (under om-contracts: refreshed with them). */
export const useScopeCards = () => useQuery({ queryKey: ['om-contracts', 'cards'], queryFn: () => ok(http.GET('/api/om/cards')) });
export const useVendors = () => useQuery({ queryKey: ['om-vendors'], queryFn: () => ok(http.GET('/api/om/vendors')) });

export const useMonthlyReport = (contractId: string | undefined, month: string) =>
  useQuery({
    queryKey: ['om-report', contractId, month],
    enabled: !!contractId,
    queryFn: () => ok(http.GET('/api/om/contracts/{id}/monthly-report', { params: { path: { id: contractId! }, query: { month } } })),
  });

export const useScorecards = (contractId: string | undefined, year: number) =>
  useQuery({
    queryKey: ['om-scorecards', contractId, year],
    enabled: !!contractId,
    queryFn: () => ok(http.GET('/api/om/scorecards', { params: { query: { contractId, year } } })),
  });
export const usePayment = (contractId: string | undefined, year: number) =>
  useQuery({
    queryKey: ['om-payment', contractId, year],
    enabled: !!contractId,
    queryFn: () => ok(http.GET('/api/om/contracts/{id}/payment', { params: { path: { id: contractId! }, query: { year } } })),
  });
/** A locked month's statement (undefined month: not asked). */
export const useStatement = (contractId: string | undefined, month: string | undefined) =>
  useQuery({
    queryKey: ['om-statement', contractId, month],
    enabled: !!contractId && !!month,
    queryFn: () => ok(http.GET('/api/om/contracts/{id}/statement', { params: { path: { id: contractId! }, query: { month } } })),
  });
/** Computes (or recomputes, while a draft) a month's scorecard. */
export const computeScorecard = (body: Body<'/api/om/scorecards', 'post'>) => ok(http.POST('/api/om/scorecards', { body }));
export const reviewScorecard = (id: string, body: Body<'/api/om/scorecards/{id}/review', 'post'>) =>
  ok(http.POST('/api/om/scorecards/{id}/review', { params: { path: { id } }, body }));
export const lockScorecard = (id: string) => ok(http.POST('/api/om/scorecards/{id}/lock', { params: { path: { id } } }));
/** The vendor's monthly report, submitted once. */
export const submitMonthlyReport = (body: Body<'/api/om/monthly-reports', 'post'>) => ok(http.POST('/api/om/monthly-reports', { body }));

export const INSPECTIONS_URL = '/api/inspections';
export const useInspection = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['inspection', id],
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/inspections/{id}', { params: { path: { id: id! } } })),
  });
export const inspectionPhotoUrl = (id: string) => `${INSPECTIONS_URL}/${id}/photo`;
export const completeInspection = (id: string, body: Body<'/api/inspections/{id}/complete', 'post'>) =>
  ok(http.POST('/api/inspections/{id}/complete', { params: { path: { id } }, body }));

export const WORK_ORDERS_URL = '/api/work-orders';
export const reportWorkOrder = (body: Body<'/api/work-orders', 'post'>) => ok(http.POST('/api/work-orders', { body }));
export type WorkOrderStep = 'accept' | 'arrive' | 'resolve' | 'confirm' | 'reopen';
/** One step of a work order; resolving takes what was done, reopening the reason (`text`). */
export function workOrderStep(id: string, step: WorkOrderStep, text: string) {
  const path = { params: { path: { id } } };
  if (step === 'resolve') return ok(http.POST('/api/work-orders/{id}/resolve', { ...path, body: { resolution: text } }));
  if (step === 'reopen') return ok(http.POST('/api/work-orders/{id}/reopen', { ...path, body: { reason: text } }));
  if (step === 'accept') return ok(http.POST('/api/work-orders/{id}/accept', path));
  if (step === 'arrive') return ok(http.POST('/api/work-orders/{id}/arrive', path));
  return ok(http.POST('/api/work-orders/{id}/confirm', path));
}

export const CUSTODY_URL = '/api/custody';
export const useCustody = (id: string | null) =>
  useQuery({
    queryKey: ['custody', id],
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/custody/{id}', { params: { path: { id: id! } } })),
  });
export const submitCustody = (body: Body<'/api/custody', 'post'>) => ok(http.POST('/api/custody', { body }));
export const decideCustody = (id: string, body: Body<'/api/custody/{id}/decide', 'post'>) =>
  ok(http.POST('/api/custody/{id}/decide', { params: { path: { id } }, body }));
export const endCustody = (id: string) => ok(http.POST('/api/custody/{id}/end', { params: { path: { id } }, body: {} }));

// Vendors and contracts: the committee writes them (machineroom.manage).
export const omKeys = { contracts: ['om-contracts'] as const, vendors: ['om-vendors'] as const };
export const CONTRACTS_XLSX_URL = '/api/om/contracts/export.xlsx';
export const saveVendor = (id: string | null, body: Body<'/api/om/vendors', 'post'>) =>
  id ? ok(http.PUT('/api/om/vendors/{id}', { params: { path: { id } }, body })) : ok(http.POST('/api/om/vendors', { body }));
export const linkVendorAccount = (id: string, username: string) =>
  ok(http.POST('/api/om/vendors/{id}/accounts', { params: { path: { id } }, body: { username } }));
export const unlinkVendorAccount = (id: string, username: string) =>
  ok(http.DELETE('/api/om/vendors/{id}/accounts/{username}', { params: { path: { id, username } } }));
export const createContract = (body: Body<'/api/om/contracts', 'post'>) => ok(http.POST('/api/om/contracts', { body }));
export const updateContract = (id: string, body: Body<'/api/om/contracts/{id}', 'patch'>) =>
  ok(http.PATCH('/api/om/contracts/{id}', { params: { path: { id } }, body }));

export const calendarXlsxUrl = (year: number) => `/api/om/calendar/${year}/export.xlsx`;
export const importCalendar = (year: number, file: File) =>
  ok(http.POST('/api/om/calendar/{year}/import', { params: { path: { year } }, body: fileBody(file) }));
