import type { App } from '../../platform/http/types.ts';
import type { Measured } from './bench.scenarios.ts';
import { timeRuns } from './bench.scenarios.ts';

/** 我的工作台 p95 targets, ms (issue: ≤ 300 on PostgreSQL at 1,000,000 cards; PGlite within 3×). */
export const WORKSPACE_TARGETS = { postgres: 300, pglite: 900 } as const;

/** GET /api/workspace for the largest unit's administrator, a custodian and the committee's officer. */
export async function workspaceScenarios(
  app: App,
  cookies: { office: string; unitAdmin: string; custodian: string | null },
  runs: number,
  target: number,
): Promise<Measured[]> {
  const out: Measured[] = [];
  const who: [string, string | null][] = [
    ["workspace: the largest unit's administrator", cookies.unitAdmin],
    ['workspace: a custodian (the most cards of that unit)', cookies.custodian],
    ["workspace: the committee's officer (every unit)", cookies.office],
  ];
  for (const [scenario, cookie] of who) {
    if (!cookie) continue;
    const m = await timeRuns(runs, async () => {
      const res = await app.inject({ method: 'GET', url: '/api/workspace', headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`GET /api/workspace: ${res.statusCode} ${res.body.slice(0, 200)}`);
    });
    out.push({ scenario, via: 'http', ...m, target });
  }
  return out;
}
