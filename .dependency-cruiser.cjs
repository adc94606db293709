// The module walls, checked by `npm run lint` (scripts/module-walls.mjs runs these rules).
// See docs/architecture.md: read others through their surface; write only through their services.
const MOD = '^src/server/modules/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-surface',
      comment: 'A module (its code and its tests) uses another module only through its index.ts (its public surface).',
      severity: 'error',
      from: { path: `${MOD}([^/]+)/`, pathNot: ['\\.tables\\.ts$'] },
      to: { path: MOD, pathNot: [`${MOD}$1/`, `${MOD}[^/]+/index\\.ts$`] },
    },
    {
      name: 'one-test-world',
      comment:
        'Test data is built with src/server/testing/world.ts (real services), never by a per-module factory: no file under modules/ named *.factory.ts, *.fixtures.ts, *.testing.ts or *.world.ts is imported.',
      severity: 'error',
      from: { path: '^(src|e2e)/' },
      to: { path: `${MOD}.+\\.(factory|fixtures|testing|world)\\.ts$` },
    },
    {
      name: 'tables-reference-tables',
      comment:
        "Foreign keys: a *.tables.ts may import another module's *.tables.ts and nothing else of it (drizzle-kit loads table files alone).",
      severity: 'error',
      from: { path: `${MOD}([^/]+)/[^/]+\\.tables\\.ts$` },
      to: { path: MOD, pathNot: [`${MOD}$1/`, '\\.tables\\.ts$'] },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'The platform discovers modules by folder and never imports one.',
      severity: 'error',
      from: { path: '^src/server/platform/', pathNot: '\\.test\\.ts$' },
      to: { path: MOD },
    },
    {
      name: 'platform-tests-use-surfaces',
      comment: "A platform test uses a module only through its surface (its data comes from src/server/testing/world.ts).",
      severity: 'error',
      from: { path: '^src/server/platform/.*\\.test\\.ts$' },
      to: { path: MOD, pathNot: [`${MOD}[^/]+/index\\.ts$`] },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server over HTTP; it shares only src/shared.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'web-page-walls',
      comment:
        "A web page module uses another only through its api.ts (hooks and query keys), and workflow's document-type registry (each type's form fields, for pages that draft documents); shared UI and helpers live in src/web/components or src/web/lib.",
      severity: 'error',
      from: { path: '^src/web/pages/([^/]+)/' },
      to: { path: '^src/web/pages/', pathNot: ['^src/web/pages/$1/', '^src/web/pages/[^/]+/api\\.ts$', '^src/web/pages/workflow/document-types/registry\\.ts$'] },
    },
    {
      name: 'web-shared-knows-no-page',
      comment: 'The shell, components and lib are shared by every page and import none (the shell collects pages through app/pages.ts).',
      severity: 'error',
      from: { path: '^src/web/(components|lib|api)/' },
      to: { path: '^src/web/pages/' },
    },
    {
      name: 'shared-stands-alone',
      comment: 'src/shared is used by both sides and imports neither.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles (type-only imports vanish at run time and are not counted).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
