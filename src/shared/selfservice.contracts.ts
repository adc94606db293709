import { z } from 'zod';

// 自助 on the phone: from a card's QR page its custodian reports a fault, asks for 退库, or says
// whether the card is with them. The unit administrator handles faults and "not here" from the workspace.

export const REPORT_KINDS = {
  fault: ['报修', 'Fault'],
  return_request: ['申请退库', 'Return request'],
  here: ['在我这里', 'In my hands'],
  not_here: ['不在我这里', 'Not with me'],
} as const;
export type ReportKind = keyof typeof REPORT_KINDS;
export const ReportKindCode = z.enum(['fault', 'return_request', 'here', 'not_here']);

export const REPORT_STATUSES = {
  open: ['待处理', 'Open'],
  handled: ['已处理', 'Handled'],
  closed: ['已记录', 'Recorded'],
} as const;
export const ReportStatusCode = z.enum(['open', 'handled', 'closed']);

/** A photo taken on the phone, scaled down there (JPEG/PNG/WebP, base64, at most about 3 MB). */
export const ReportPhoto = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  base64: z
    .string()
    .max(4_000_000)
    .regex(/^[A-Za-z0-9+/=]+$/, '照片格式不正确'),
});

export const FaultReportInput = z.object({
  note: z.string().trim().min(2, '请描述故障').max(1000),
  photo: ReportPhoto.optional(),
});
export type FaultReportInput = z.infer<typeof FaultReportInput>;

export const ReturnRequestInput = z.object({ note: z.string().max(1000).optional() });
export const WhereaboutsInput = z.object({ here: z.boolean(), note: z.string().max(1000).optional() });

export const CardReport = z.object({
  id: z.string(),
  cardId: z.string(),
  cardNo: z.string(),
  cardName: z.string(),
  unitId: z.string(),
  kind: ReportKindCode,
  note: z.string().nullable(),
  hasPhoto: z.boolean(),
  reporterName: z.string().nullable(),
  status: ReportStatusCode,
  documentId: z.string().nullable(),
  docNo: z.string().nullable(),
  handledNote: z.string().nullable(),
  createdAt: z.string(),
});
export type CardReport = z.infer<typeof CardReport>;

/** What the QR page may offer this user for this card. */
export const SelfService = z.object({
  /** The card's custodian (or the unit's asset administrator) may act; others see the read-only page. */
  mayAct: z.boolean(),
  asCustodian: z.boolean(),
  /** The card's recent reports (open first). */
  reports: z.array(CardReport),
});
export type SelfService = z.infer<typeof SelfService>;

export const CardReportQuery = z.object({
  kind: ReportKindCode.optional(),
  status: ReportStatusCode.optional(),
});

export const ReportToMaintenanceInput = z.object({
  vendor: z.string().trim().min(1, '请填写维修单位').max(120),
  note: z.string().max(1000).optional(),
});
export const ReportCloseInput = z.object({ note: z.string().trim().min(1, '请填写处理结果').max(1000) });
