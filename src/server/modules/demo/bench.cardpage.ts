import type { App } from '../../platform/http/types.ts';
import type { Measured } from './bench.scenarios.ts';
import { timeRuns } from './bench.scenarios.ts';

/** p95 of a 200-row card list page through the API, ms (issue #18: ≤ 500 on PostgreSQL at 1,000,000 cards; PGlite within 3×). */
export const CARD_PAGE_TARGETS = { postgres: 500, pglite: 1500 } as const;

/**
 * `GET /api/cards` with 200 rows a page, as the list opens for a person who set the page size to 200:
 * the largest unit's administrator in card-number order (the default) and sorted by value, and the
 * committee's officer over every unit; pages 1–5 in turn, so the later pages' offsets are paid too.
 */
export async function cardPageScenarios(
  app: App,
  cookies: { office: string; unitAdmin: string },
  runs: number,
  target: number,
): Promise<Measured[]> {
  const cases: [string, string, string][] = [
    ["card list, 200 rows: the largest unit's administrator, card-number order, pages 1–5", cookies.unitAdmin, ''],
    [
      "card list, 200 rows: the largest unit's administrator, by original value, pages 1–5",
      cookies.unitAdmin,
      '&sort=originalValueFen&order=desc',
    ],
    ["card list, 200 rows: the committee's officer, every unit, card-number order, pages 1–5", cookies.office, ''],
  ];
  const out: Measured[] = [];
  for (const [scenario, cookie, extra] of cases) {
    const m = await timeRuns(runs, async (i) => {
      const url = `/api/cards?pageSize=200&page=${1 + (i % 5)}${extra}`;
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      const body = res.json() as { items: unknown[]; total: number };
      if (body.total >= 1000 && body.items.length !== 200) throw new Error(`GET ${url}: ${body.items.length} rows, expected 200`);
    });
    out.push({ scenario, via: 'http', ...m, target });
  }
  return out;
}
