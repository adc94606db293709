// The catalog module's surface: the category reads others may use. Categories change only here.
export { loadReferenceTrees, resolveCategoryByCode } from './category.service.ts';
