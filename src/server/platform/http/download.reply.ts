// A file answered as a download: the one content type for workbooks and the one way to name the file
// (RFC 5987, so Chinese names survive every browser). Routes that export Excel end in sendXlsx.
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content-disposition of a download named `fileName`. */
export const attachment = (fileName: string) => `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** Answers `file` as the workbook `fileName` (e.g. `收入情况表-2027-01至2027-03.xlsx`). */
export function sendXlsx(reply: FastifyReply, fileName: string, file: Buffer): FastifyReply {
  reply.header('content-disposition', attachment(fileName));
  return reply.type(XLSX_TYPE).send(file);
}
