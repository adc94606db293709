// The phone's answer to a scan from its local copy (issue #14: ≤ 100 ms), measured in Chromium's phone
// emulation, offline: the time from the Enter key to the feedback naming the card, taken in the page.
// A benchmark that prints figures, not a test. Needs the built web (`npx vite build`):
//   npx tsx e2e/phone-scan.bench.ts
// (the page's CSP forbids evaluated functions, so the in-page parts are strings)
import { devices } from 'playwright-core';
import { apiSession, signIn, startHarness } from './harness.ts';

const SCANS = 25;
const h = await startHarness();
try {
  const api = await apiSession(h.baseUrl, 'officer');
  const staff = (await (await api('GET', '/api/users?q=u01-staff')).json()).items[0];
  const plan = await api('POST', '/api/counts', {
    title: '扫码计时',
    reason: 'annual',
    unitIds: [staff.unitId],
    buildingIds: [],
    roomIds: [],
    categoryIds: [],
    counterIds: [staff.id],
    baseDate: '2026-12-31',
  });
  const { id } = (await plan.json()) as { id: string };
  await api('POST', `/api/counts/${id}/start`, {});
  const sheet = (await (await api('GET', `/api/counts/${id}/sheet`)).json()) as { items: { cardNo: string; name: string }[] };
  await h.withPage(
    'phone-scan-bench',
    async (page, context) => {
      await signIn(page, 'u01-staff');
      await page.goto(`/m/counts/${id}`);
      await page.getByTestId('pending').waitFor();
      for (let i = 0; i < 100 && !(await page.evaluate('!!navigator.serviceWorker.controller')); i++)
        await new Promise((r) => setTimeout(r, 200));
      await context.setOffline(true);
      const input = page.getByPlaceholder('扫描标签或输入卡片编号，回车确认');
      const times: number[] = [];
      for (const item of sheet.items.slice(0, SCANS)) {
        await input.fill(item.cardNo);
        await page.evaluate(`(() => {
          window.__answered = null; window.__pressed = null;
          document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && window.__pressed === null) window.__pressed = performance.now(); }, { capture: true, once: true });
          const want = ${JSON.stringify(`${item.cardNo} ${item.name}`)};
          const seen = new MutationObserver(() => {
            const fb = document.querySelector('[data-testid="feedback"]');
            if (window.__pressed !== null && fb && fb.textContent.includes(want)) { window.__answered = performance.now() - window.__pressed; seen.disconnect(); }
          });
          seen.observe(document.body, { subtree: true, childList: true, characterData: true });
        })()`);
        await input.press('Enter');
        let ms: number | null = null;
        for (let i = 0; i < 250 && ms === null; i++) {
          ms = (await page.evaluate('window.__answered')) as number | null;
          if (ms === null) await new Promise((r) => setTimeout(r, 20));
        }
        if (ms === null) throw new Error(`no answer to ${item.cardNo} within 5 s`);
        times.push(ms);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(1);
      console.log(
        `phone scan answered offline from the local copy: ${times.length} scans, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms (target 100 ms)`,
      );
    },
    devices['Pixel 7'],
  );
} finally {
  await h.close();
}
