import { z } from 'zod';
import {
  BuildingInput,
  BuildingView,
  CompoundInput,
  CompoundView,
  FloorInput,
  FloorView,
  IdParams,
  OccupantInput,
  Ok,
  PlaceTree,
  RoomInput,
  RoomQuery,
  RoomView,
} from '../../../shared/org.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { listBuildings, listCompounds, listFloors, placeTree, saveBuilding, saveCompound, saveFloor } from './place.service.ts';
import { addOccupant, getRoom, listRooms, removeOccupant, saveRoom } from './room.service.ts';

const Created = z.object({ id: z.string() });
const items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

export async function placeRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/places/tree',
    {
      config: { access: 'org.read' },
      schema: { tags: ['places'], summary: '办公区—楼栋—楼层树', response: { 200: PlaceTree } },
    },
    () => placeTree(db()),
  );

  app.get(
    '/api/compounds',
    {
      config: { access: 'org.read' },
      schema: { tags: ['places'], summary: '办公区列表', response: { 200: items(CompoundView) } },
    },
    async () => ({ items: await listCompounds(db()) }),
  );
  app.post(
    '/api/compounds',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '新建办公区', body: CompoundInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await saveCompound(db(), null, req.body)),
  );
  app.put(
    '/api/compounds/:id',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '修改办公区', params: IdParams, body: CompoundInput, response: { 200: Created } },
    },
    (req) => saveCompound(db(), req.params.id, req.body),
  );

  app.get(
    '/api/buildings',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['places'],
        summary: '楼栋列表',
        querystring: z.object({ compoundId: z.uuid().optional() }),
        response: { 200: items(BuildingView) },
      },
    },
    async (req) => ({ items: await listBuildings(db(), req.query.compoundId) }),
  );
  app.post(
    '/api/buildings',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '新建楼栋', body: BuildingInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await saveBuilding(db(), null, req.body)),
  );
  app.put(
    '/api/buildings/:id',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '修改楼栋', params: IdParams, body: BuildingInput, response: { 200: Created } },
    },
    (req) => saveBuilding(db(), req.params.id, req.body),
  );

  app.get(
    '/api/floors',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['places'],
        summary: '楼层列表',
        querystring: z.object({ buildingId: z.uuid().optional() }),
        response: { 200: items(FloorView) },
      },
    },
    async (req) => ({ items: await listFloors(db(), req.query.buildingId) }),
  );
  app.post(
    '/api/floors',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '新建楼层', body: FloorInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await saveFloor(db(), null, req.body)),
  );
  app.put(
    '/api/floors/:id',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '修改楼层', params: IdParams, body: FloorInput, response: { 200: Created } },
    },
    (req) => saveFloor(db(), req.params.id, req.body),
  );

  app.get(
    '/api/rooms',
    {
      config: { access: 'org.read' },
      schema: { tags: ['places'], summary: '房间列表', querystring: RoomQuery, response: { 200: pageOf(RoomView) } },
    },
    (req) => listRooms(db(), req.actor, req.query),
  );
  app.get(
    '/api/rooms/:id',
    {
      config: { access: 'org.read' },
      schema: { tags: ['places'], summary: '房间详情', params: IdParams, response: { 200: RoomView } },
    },
    (req) => getRoom(db(), req.actor, req.params.id),
  );
  app.post(
    '/api/rooms',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '新建房间', body: RoomInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await saveRoom(db(), null, req.body)),
  );
  app.put(
    '/api/rooms/:id',
    {
      config: { access: 'org.place.write' },
      schema: {
        tags: ['places'],
        summary: '修改房间（面积、类型、使用单位）',
        params: IdParams,
        body: RoomInput,
        response: { 200: Created },
      },
    },
    (req) => saveRoom(db(), req.params.id, req.body),
  );

  app.post(
    '/api/rooms/:id/occupants',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '安排使用人', params: IdParams, body: OccupantInput, response: { 200: Ok } },
    },
    async (req) => {
      await addOccupant(db(), req.params.id, req.body.staffId);
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/rooms/:id/occupants/:staffId',
    {
      config: { access: 'org.place.write' },
      schema: { tags: ['places'], summary: '移除使用人', params: IdParams.extend({ staffId: z.uuid() }), response: { 200: Ok } },
    },
    async (req) => {
      await removeOccupant(db(), req.params.id, req.params.staffId);
      return { ok: true as const };
    },
  );
}
