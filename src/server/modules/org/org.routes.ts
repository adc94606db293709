import { z } from 'zod';
import {
  DepartmentInput,
  DepartmentQuery,
  DepartmentView,
  IdParams,
  Ok,
  StaffInput,
  StaffQuery,
  StaffView,
  UnitInput,
  UnitQuery,
  UnitView,
} from '../../../shared/org.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { createStaff, getStaff, listStaff, updateStaff } from './staff.service.ts';
import {
  createDepartment,
  createUnit,
  getUnit,
  listDepartments,
  listUnits,
  setDepartmentActive,
  updateDepartment,
  updateUnit,
} from './unit.service.ts';

const Created = z.object({ id: z.string() });

export async function orgRoutes(app: App) {
  const db = () => app.database.db;

  // ---------- units ----------
  app.get(
    '/api/units',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: '单位列表', querystring: UnitQuery, response: { 200: pageOf(UnitView) } },
    },
    (req) => listUnits(db(), req.actor, req.query),
  );

  app.get(
    '/api/units/:id',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: '单位详情', params: IdParams, response: { 200: UnitView } },
    },
    (req) => getUnit(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/units',
    {
      config: { access: 'org.unit.write' },
      schema: { tags: ['org'], summary: '新建单位', body: UnitInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createUnit(db(), req.body)),
  );

  app.put(
    '/api/units/:id',
    {
      config: { access: 'org.unit.write' },
      schema: { tags: ['org'], summary: '修改单位', params: IdParams, body: UnitInput, response: { 200: Ok } },
    },
    async (req) => {
      await updateUnit(db(), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // ---------- departments ----------
  app.get(
    '/api/units/:id/departments',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['org'],
        summary: '单位的处室',
        params: IdParams,
        querystring: DepartmentQuery,
        response: { 200: z.object({ items: z.array(DepartmentView) }) },
      },
    },
    async (req) => ({ items: await listDepartments(db(), req.actor, req.params.id, req.query.includeInactive ?? false) }),
  );

  app.post(
    '/api/units/:id/departments',
    {
      config: { access: 'org.department.write' },
      schema: { tags: ['org'], summary: '新建处室', params: IdParams, body: DepartmentInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createDepartment(db(), req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/departments/:id',
    {
      config: { access: 'org.department.write' },
      schema: { tags: ['org'], summary: '修改处室', params: IdParams, body: DepartmentInput, response: { 200: Ok } },
    },
    async (req) => {
      await updateDepartment(db(), req.actor, req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/departments/:id/deactivate',
    {
      config: { access: 'org.department.write' },
      schema: { tags: ['org'], summary: '停用处室', params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await setDepartmentActive(db(), req.actor, req.params.id, false);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/departments/:id/activate',
    {
      config: { access: 'org.department.write' },
      schema: { tags: ['org'], summary: '启用处室', params: IdParams, response: { 200: Ok } },
    },
    async (req) => {
      await setDepartmentActive(db(), req.actor, req.params.id, true);
      return { ok: true as const };
    },
  );

  // ---------- staff ----------
  app.get(
    '/api/staff',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: '人员列表', querystring: StaffQuery, response: { 200: pageOf(StaffView) } },
    },
    (req) => listStaff(db(), req.actor, req.query),
  );

  app.get(
    '/api/staff/:id',
    {
      config: { access: 'org.read' },
      schema: { tags: ['org'], summary: '人员详情', params: IdParams, response: { 200: StaffView } },
    },
    (req) => getStaff(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/staff',
    {
      config: { access: 'org.staff.write' },
      schema: { tags: ['org'], summary: '新建人员', body: StaffInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createStaff(db(), req.actor, req.body)),
  );

  app.put(
    '/api/staff/:id',
    {
      config: { access: 'org.staff.write' },
      schema: { tags: ['org'], summary: '修改人员', params: IdParams, body: StaffInput, response: { 200: Ok } },
    },
    async (req) => {
      await updateStaff(db(), req.actor, req.params.id, req.body);
      return { ok: true as const };
    },
  );
}
