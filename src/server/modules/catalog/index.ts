// The catalog module's surface: the category reads others may use. Categories change only here.
export { loadReferenceTrees, resolveCategoryByCode } from './category.service.ts';
// The file readers of the import (CSV with '#' comments before the header, or .xlsx): other reference tables read them too.
export { parseCsv, readXlsx } from './category.file.ts';
