import { z } from 'zod';
import {
  MachineRoomDetail,
  MachineRoomInput,
  MachineRoomView,
  RackInput,
  RackView,
  RowInput,
  SlotInput,
} from '../../../shared/machinerooms.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { getMachineRoom, getRack, listMachineRooms } from './room.queries.ts';
import { createMachineRoom, createRack, createRow, placeSlot, removeSlot } from './room.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
const Created = z.object({ id: z.uuid() });
const Done = z.object({ ok: z.literal(true) });

export async function roomRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/machine-rooms',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '托管机房（含各机房的空闲 U 位与用电）', response: { 200: z.object({ items: z.array(MachineRoomView) }) } },
    },
    async (req) => ({ items: await listMachineRooms(db(), req.actor) }),
  );
  app.post(
    '/api/machine-rooms',
    { config: { access: 'machineroom.manage' }, schema: { tags, summary: '登记机房', body: MachineRoomInput, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await createMachineRoom(db(), req.actor, req.body)),
  );
  app.get(
    '/api/machine-rooms/:id',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '机房详情与机柜立面图', params: Id, response: { 200: MachineRoomDetail } },
    },
    async (req) => getMachineRoom(db(), req.actor, req.params.id),
  );
  app.post(
    '/api/machine-rooms/:id/rows',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '增加机柜列', params: Id, body: RowInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createRow(db(), req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/machine-rooms/:id/racks',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '增加机柜', params: Id, body: RackInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createRack(db(), req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/racks/:id',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '机柜立面（设备与预留）', params: Id, response: { 200: RackView } },
    },
    async (req) => getRack(db(), req.actor, req.params.id),
  );
  app.post(
    '/api/racks/:id/slots',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '设备上架或预留 U 位（重叠由数据库拒绝）', params: Id, body: SlotInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await placeSlot(db(), req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/rack-slots/:id',
    { config: { access: 'machineroom.manage' }, schema: { tags, summary: '设备下架或取消预留', params: Id, response: { 200: Done } } },
    async (req) => {
      await removeSlot(db(), req.actor, req.params.id);
      return { ok: true as const };
    },
  );
}
