// One file uploaded as multipart/form-data (field `file`): refused with the house's messages when the request
// is not multipart, carries no file or is larger than `maxBytes`. Card and document attachments read it here.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

export interface UploadedFile {
  fileName: string;
  content: Buffer;
}

export async function readUploadedFile(req: FastifyRequest, maxBytes: number, what = '附件'): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError('validation', '请以 multipart/form-data 上传文件', { file: '缺少文件' });
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!part) throw new AppError('validation', '缺少文件', { file: '缺少文件' });
  try {
    return { fileName: part.filename, content: await part.toBuffer() };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', `${what}不能超过 ${maxBytes / 1024 / 1024} MB`);
    throw err;
  }
}
