import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Harness, signIn, startHarness, WAIT } from './harness.ts';

// 加签 as people use it: the committee lets a requisition's steps take one; unit 02's administrator,
// holding a submitted 领用, asks a colleague to sign first from the document page; the colleague signs
// in their own browser, and the step comes back to the administrator.
describe('加签 in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks a colleague to sign first; their approval hands the step back to the approver', async () => {
    const as = async (username: string) => {
      const request = await apiSession(h.baseUrl, username);
      return {
        get: async (url: string) => (await request('GET', url)).json(),
        send: (method: 'POST' | 'PUT', url: string, body: unknown = {}) => request(method, url, body),
      };
    };
    const officer = await as('officer');
    const chain = (await officer.get('/api/chains')).items.find((c: { documentType: string }) => c.documentType === 'requisition');
    const steps = chain.steps.map((s: Record<string, unknown>) => ({
      role: s.role,
      scope: s.scope,
      label: s.label,
      condition: s.condition,
      allowCosign: true,
    }));
    const put = await officer.send('PUT', '/api/chains/requisition', { steps });
    expect(put.status, await put.text()).toBe(200);

    const staff = await as('u02-staff');
    const admin = await as('u02-admin');
    const ws = await staff.get('/api/workspace');
    const mine = ws.mine.find((x: { key: string }) => x.key === 'myAssets');
    const own = (await staff.get(`/api/cards?custodianId=${mine.filter.custodianId}&pageSize=1`)).items[0];
    const idle = (await admin.get('/api/cards?status=idle&pageSize=30&sort=cardNo&order=asc')).items as { id: string }[];
    let id = '';
    for (const card of idle) {
      const res = await staff.send('POST', '/api/documents', {
        type: 'requisition',
        payload: { departmentId: own.usingDepartmentId, custodianId: mine.filter.custodianId },
        lines: [{ cardId: card.id }],
      });
      if (res.status === 201) {
        id = ((await res.json()) as { id: string }).id;
        break;
      }
    }
    expect(id).not.toBe('');
    expect((await staff.send('POST', `/api/documents/${id}/submit`)).status).toBe(200);

    await h.withPage('cosign-ask', async (page) => {
      await signIn(page, 'u02-admin');
      await page.goto(`/documents/${id}`);
      await page.getByTestId('cosign').click();
      await page.getByTestId('cosign-to').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.locator('.ant-modal:visible .ant-btn-primary').last().click();
      await expect.poll(async () => (await admin.get(`/api/documents/${id}`)).steps[0].cosigns?.length ?? 0, WAIT).toBe(1);
    });
    const doc = await admin.get(`/api/documents/${id}`);
    expect(doc.steps[0].cosigns[0]).toMatchObject({ state: 'pending', addedByName: expect.any(String) });
    const signerName: string = doc.steps[0].cosigns[0].signerName;
    const signer = (await officer.get(`/api/users?q=${encodeURIComponent(signerName.replace(/（.*$/, ''))}&pageSize=50`)).items.find(
      (u: { displayName: string }) => u.displayName === signerName,
    );
    expect(signer, signerName).toBeTruthy();

    await h.withPage('cosign-sign', async (page) => {
      await signIn(page, signer.username);
      await page.goto(`/documents/${id}`);
      await page.getByTestId('approve').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s*定$/ })
        .click();
      await expect.poll(async () => (await admin.get(`/api/documents/${id}`)).steps[0].cosigns[0].state, WAIT).toBe('approved');
    });
    const back = await admin.get(`/api/documents/${id}`);
    expect({ status: back.status, currentStep: back.currentStep, can: back.can.decide }).toEqual({
      status: 'submitted',
      currentStep: 1,
      can: true,
    });
  });
});
