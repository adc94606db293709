import { PlaceFields } from './PlaceFields.tsx';
import type { WebDocumentType } from './webDoctype.ts';

export const requisition: WebDocumentType = {
  Fields: ({ unitId }) => <PlaceFields unitId={unitId} />,
  details: () => [],
};
