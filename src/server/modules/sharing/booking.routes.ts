import { z } from 'zod';
import {
  AvailabilityQuery,
  AvailabilityView,
  BookingChange,
  BookingDecision,
  BookingInput,
  BookingPage,
  BookingQuery,
  BookingView,
  CalendarQuery,
  CalendarView,
  CheckInView,
  CreatedBookings,
  TripDispatch,
  TripPublication,
  TripReturn,
  ChargeLines,
  UsageQuery,
  UsageView,
} from '../../../shared/sharing.contracts.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import { IdParams } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { calendar, getBooking, listBookings } from './booking.queries.ts';
import { availability } from './availability.queries.ts';
import { checkIn, checkInView, finishBooking } from './booking-use.service.ts';
import { chargeLines, generateCharges } from './charges.service.ts';
import { chargesXlsx } from './charges.excel.ts';
import * as bookings from './booking.service.ts';
import { tripPublication } from './trips.queries.ts';
import { tripsXlsx } from './trips.excel.ts';
import { usageXlsx } from './usage.excel.ts';
import { usage } from './usage.queries.ts';

const tags = ['sharing'];
const ClashCheck = z.object({
  occurrences: z.array(z.object({ startsAt: z.string(), endsAt: z.string() })),
  clashes: z.array(
    z.object({
      index: z.number(),
      bookingNo: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      unitName: z.string(),
      status: z.string(),
      title: z.string().nullable(),
    }),
  ),
});

export async function bookingRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/sharing/calendar',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '预订日历：各资源的占用情况（日/周）', querystring: CalendarQuery, response: { 200: CalendarView } },
    },
    async (req) => calendar(db(), req.actor, req.query),
  );

  app.get(
    '/api/bookings',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '预订列表（本单位；mine=true 只看我的）', querystring: BookingQuery, response: { 200: BookingPage } },
    },
    async (req) => listBookings(db(), req.actor, req.query),
  );

  app.get(
    '/api/bookings/:id',
    { config: { access: 'sharing.read' }, schema: { tags, summary: '预订详情', params: IdParams, response: { 200: BookingView } } },
    async (req) => getBooking(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/bookings/check',
    {
      config: { access: 'sharing.book' },
      schema: {
        tags,
        summary: '预订前检查：规则与冲突（含每周重复的每一次），不保存',
        body: BookingInput,
        response: { 200: ClashCheck },
      },
    },
    async (req) => {
      const plan = await bookings.planBooking(db(), req.actor, req.body);
      return {
        occurrences: plan.spans.map((s) => ({ startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString() })),
        clashes: plan.clashes,
      };
    },
  );

  app.post(
    '/api/bookings',
    {
      config: { access: 'sharing.book' },
      schema: {
        tags,
        summary: '预订（可每周重复；与已有预订冲突时整体拒绝并列出冲突）',
        body: BookingInput,
        response: { 201: CreatedBookings },
      },
    },
    async (req, reply) => reply.status(201).send({ items: await bookings.createBooking(db(), req.actor, req.body) }),
  );

  app.put(
    '/api/bookings/:id/time',
    {
      config: { access: 'sharing.book' },
      schema: {
        tags,
        summary: '调整预订时间（延长、缩短、改期；冲突时拒绝）',
        params: IdParams,
        body: BookingChange,
        response: { 200: BookingView },
      },
    },
    async (req) => bookings.changeBooking(db(), req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/bookings/:id/cancel',
    {
      config: { access: 'sharing.book' },
      schema: {
        tags,
        summary: '取消预订',
        params: IdParams,
        body: z.object({ reason: z.string().trim().max(500).nullish() }),
        response: { 200: BookingView },
      },
    },
    async (req) => bookings.cancelBooking(db(), req.actor, req.params.id, req.body.reason),
  );

  app.post(
    '/api/bookings/:id/decide',
    {
      config: { access: 'sharing.manage' },
      schema: { tags, summary: '审批预订（通过或驳回）', params: IdParams, body: BookingDecision, response: { 200: BookingView } },
    },
    async (req) => bookings.decideBooking(db(), req.actor, req.params.id, req.body.approve, req.body.note),
  );

  app.post(
    '/api/bookings/:id/dispatch',
    {
      config: { access: 'sharing.manage' },
      schema: {
        tags,
        summary: '派车：指派车辆（可改派其他公务用车）与驾驶员，登记出车里程',
        params: IdParams,
        body: TripDispatch,
        response: { 200: BookingView },
      },
    },
    async (req) => bookings.dispatchTrip(db(), req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/bookings/:id/return',
    {
      config: { access: 'sharing.manage' },
      schema: {
        tags,
        summary: '还车：登记还车里程、加油量（升）与行车费用（分）',
        params: IdParams,
        body: TripReturn,
        response: { 200: BookingView },
      },
    },
    async (req) => bookings.returnTrip(db(), req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/sharing/resources/:id/check-in',
    {
      config: { access: 'sharing.book' },
      schema: { tags, summary: '扫码签到页：该资源现在可签到的本单位预订', params: IdParams, response: { 200: CheckInView } },
    },
    async (req) => checkInView(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/sharing/resources/:id/check-in',
    {
      config: { access: 'sharing.book' },
      schema: { tags, summary: '扫码签到（开始前 15 分钟起，至签到宽限期结束）', params: IdParams, response: { 200: BookingView } },
    },
    async (req) => checkIn(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/sharing/usage',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '按单位的月度使用与收费，及各资源利用率', querystring: UsageQuery, response: { 200: UsageView } },
    },
    async (req) => usage(db(), req.actor, req.query.month),
  );

  app.get(
    '/api/sharing/usage.xlsx',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '导出月度使用与收费（Excel）', querystring: UsageQuery },
    },
    async (req, reply) =>
      sendXlsx(reply, `共享设施使用与收费-${req.query.month}.xlsx`, await usageXlsx(await usage(db(), req.actor, req.query.month))),
  );

  app.get(
    '/api/sharing/trips',
    {
      config: { access: 'sharing.read' },
      schema: {
        tags,
        summary: '公务用车使用情况公示：当月已派车的行程（时间、事由、目的地、里程、费用）',
        querystring: UsageQuery,
        response: { 200: TripPublication },
      },
    },
    async (req) => tripPublication(db(), req.actor, req.query.month),
  );

  app.get(
    '/api/sharing/trips.xlsx',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '导出公务用车使用情况公示（Excel）', querystring: UsageQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        `公务用车使用情况公示-${req.query.month}.xlsx`,
        await tripsXlsx(await tripPublication(db(), req.actor, req.query.month)),
      ),
  );

  app.get(
    '/api/sharing/available',
    {
      config: { access: 'sharing.read' },
      schema: {
        tags,
        summary: '查找空闲资源：按时间、容量、设备，跨全部资源',
        querystring: AvailabilityQuery,
        response: { 200: AvailabilityView },
      },
    },
    async (req) => availability(db(), req.actor, req.query),
  );

  app.post(
    '/api/bookings/:id/finish',
    {
      config: { access: 'sharing.book' },
      schema: { tags, summary: '提前结束：结束时间改为现在，释放剩余时段', params: IdParams, response: { 200: BookingView } },
    },
    async (req) => finishBooking(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/sharing/charges',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '月度收费明细（按单位、资源；供统一结算读取）', querystring: UsageQuery, response: { 200: ChargeLines } },
    },
    async (req) => chargeLines(db(), req.actor, req.query.month),
  );

  app.post(
    '/api/sharing/charges',
    {
      config: { access: 'sharing.manage' },
      schema: {
        tags,
        summary: '生成月度收费明细（替换该月未结算的明细）',
        body: UsageQuery,
        response: { 200: ChargeLines },
      },
    },
    async (req) => generateCharges(db(), req.actor, req.body.month),
  );

  app.get(
    '/api/sharing/charges.xlsx',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '导出月度收费明细（Excel）', querystring: UsageQuery },
    },
    async (req, reply) =>
      sendXlsx(reply, `共享设施收费明细-${req.query.month}.xlsx`, await chargesXlsx(await chargeLines(db(), req.actor, req.query.month))),
  );
}
