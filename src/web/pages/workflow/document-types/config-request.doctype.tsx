import type { WebDocumentType } from './webDoctype.ts';

export const configRequest: WebDocumentType = { lineVariant: 'config', details: () => [] };
