import { repoRoot } from '@scf/network';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { peersInStep } from '../support/fabric';
import { readModelCaughtUp, startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { isoDay, runCurrency, runId, runUniqueFace, submitAs } from '../support/ledger';
import { call, fcn, tx as catalogueTx } from '@scf/kernel/catalogue/catalogue';

/**
 * The dashboard in headless Chromium (Debian's package, installed by scripts/install-browser.sh)
 * against the real per-org gateway processes on the real network: each role signs in through the
 * form of its own org's gateway, acts where it can, and sees the result, including a redraw pushed
 * by a ledger event. Each gateway serves its own org's roles' views only.
 */

const SCREENSHOTS = path.join(repoRoot, 'test-output', 'screenshots');
const UI_TIMEOUT = 60_000;

let gw: GatewayProcess;
let browser: Browser;
const id = runId('dash');
/** The currency of a line of Bank A whose terms were never recorded (see beforeAll): this run's own, so the entry holds that line alone. */
const PENDING_CURRENCY = runCurrency();
const receivableId = `${id}-r`;
const lateReceivableId = `${id}-r2`;
const financingId = `${id}-f`;

async function issue(receivable: string, amount: string): Promise<void> {
  await gw.ok('supplier-1', 'POST', '/v1/receivables', {
    receivableId: receivable,
    debtorId: 'core',
    invoiceNumber: `INV-${receivable}`,
    currency: 'USD',
    amount,
    issueDate: isoDay(-1),
    dueDate: isoDay(60),
  });
}

/** The credential's own org's gateway: its dashboard, where that org's people sign in. */
const dashboardOf = (credential: string): string => gw.urlOf(gw.orgOf(credential));

async function openDashboard(url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.goto(`${url}/`);
  expect(page.url()).toBe(`${url}/dashboard/`);
  return page;
}

async function signIn(credential: string): Promise<Page> {
  const page = await openDashboard(dashboardOf(credential));
  await page.locator('#org-name', { hasText: gw.orgOf(credential) }).waitFor();
  const key = gw.keys[credential];
  if (key === undefined) {
    throw new Error(`no key for ${credential}`);
  }
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tablist').waitFor();
  // The live stream is connected before the test acts, so the events it waits for are not missed.
  await page.locator('#live', { hasText: 'Live' }).waitFor();
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  gw = await startGatewayProcess();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage'],
  });
  await readModelCaughtUp(gw);
  // A receivable waiting for the core enterprise, and a financing Bank A's policy sends to review:
  // 700 000 of a 750 000 line leaves under 10% headroom (as in gateway-http.test.ts).
  await gw.ok('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '1000000000000' });
  await gw.ok('bank-a', 'POST', '/v1/credit-lines', {
    lineId: `${id}-line`,
    coreId: 'core',
    currency: 'USD',
    limit: '750000',
    expiresOn: isoDay(365),
    maxAdvanceRateBps: '9000',
    maxTenorDays: 180,
    graceDays: 10,
  });
  // A line whose terms were never recorded (a grant cut between its two transactions), in a currency
  // of its own: Bank A's exposure report has no limit for that entry, and the Book tab must still draw.
  await gw.ok('auditor', 'PUT', `/v1/consortium-caps/core/${PENDING_CURRENCY}`, { cap: '1000000000000' });
  await submitAs(
    'bank-a',
    call(catalogueTx.creditLine.GrantCreditLine, {
      lineId: `${id}-pending`,
      coreId: 'core',
      currency: PENDING_CURRENCY,
      termsHash: 'a'.repeat(64),
    }),
  );
  await issue(`${id}-fr`, String(runUniqueFace()));
  await gw.ok('core', 'POST', `/v1/receivables/${id}-fr/confirm`);
  await peersInStep();
  await gw.ok('supplier-1', 'POST', '/v1/financings', { financingId, receivableId: `${id}-fr`, lineId: `${id}-line`, amount: '700000' });
  await peersInStep();
  const assessed = await gw.fetch('bank-a', 'POST', `/v1/financings/${financingId}/assess`);
  expect(assessed.status).toBe(202);
  await issue(receivableId, '250000');
});

afterAll(async () => {
  await browser.close();
  await gw.stop();
});

describe('the dashboard in a browser', () => {
  it("each org's gateway serves its own org's dashboard: its name, its roles' views only, its own people's keys", async () => {
    const expected: Record<string, string[]> = {
      BankA: ['bank'],
      BankB: ['bank'],
      Core: ['core-enterprise'],
      Suppliers: ['supplier'],
      Warehouse: [],
      Auditor: ['auditor'],
    };
    for (const org of gw.orgs) {
      const dashboard = (await (await fetch(`${gw.urlOf(org)}/dashboard/org.json`)).json()) as {
        org: string;
        views: Record<string, string[]>;
      };
      expect({ org: dashboard.org, roles: Object.keys(dashboard.views).sort() }).toEqual({ org, roles: expected[org] });
    }
    // Another org's roles' views are not served at a bank's gateway; its own are.
    expect((await fetch(`${gw.urlOf('BankA')}/dashboard/views/core-payables.js`)).status).toBe(404);
    expect((await fetch(`${gw.urlOf('BankA')}/dashboard/views/auditor-verify.js`)).status).toBe(404);
    expect((await fetch(`${gw.urlOf('BankA')}/dashboard/views/bank-reviews.js`)).status).toBe(200);
    expect((await fetch(`${gw.urlOf('Core')}/dashboard/views/core-payables.js`)).status).toBe(200);

    // The core enterprise's key at Bank A's dashboard: refused, and told to use its own org's gateway.
    const page = await openDashboard(gw.urlOf('BankA'));
    await page.locator('#org-name', { hasText: 'BankA' }).waitFor();
    await expect(page.locator('#login-org').textContent()).resolves.toBe('BankA');
    await page.getByLabel('API key').fill(gw.keys.core ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#login-error', { hasText: "this is BankA's gateway" }).waitFor();
    expect(await page.getByRole('tablist').isVisible()).toBe(false);
    await page.close();
  });

  it('core enterprise: sees a payable arrive live, confirms it, and it leaves the queue', async () => {
    const page = await signIn('core');
    const row = (rid: string) => page.locator(`tr[data-receivable="${rid}"]`);
    await row(receivableId).waitFor();
    await expect(row(receivableId).textContent()).resolves.toContain('2,500.00 USD');

    // Issued while the page is open: the block event redraws the view, no reload.
    const rendered = await page.locator('#view').getAttribute('data-rendered-at');
    await issue(lateReceivableId, '120000');
    await row(lateReceivableId).waitFor();
    expect(await page.locator('#view').getAttribute('data-rendered-at')).not.toBe(rendered);
    await expect(page.locator('#live').textContent()).resolves.toMatch(/Live · block \d+/);

    await page.getByRole('button', { name: `Confirm ${receivableId}`, exact: true }).click();
    await page.locator('#payables-status', { hasText: `${receivableId} confirmed` }).waitFor();
    await row(receivableId).waitFor({ state: 'detached' });
    await row(lateReceivableId).waitFor();
    expect(await gw.ok('core', 'GET', `/v1/receivables/${receivableId}`)).toMatchObject({ status: 'CONFIRMED' });
    await screenshot(page, 'core');

    // Keyboard: the arrow keys and End move between tabs (and focus follows).
    await page.getByRole('tab', { name: 'Payables to confirm' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: /^Due calendar: \d{4}-\d{2}$/ }).waitFor();
    await page.keyboard.press('End');
    expect(await page.getByRole('tab', { name: 'What we owe' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('What we owe');
    await page.getByRole('table', { name: 'Owed to' }).waitFor();
    await expect(page.getByRole('table', { name: 'Owed to' }).textContent()).resolves.toContain('supplier-1');
    await page.close();
  });

  it('second bank officer: sees the review with its reasons, approves it, and the financing commits', async () => {
    // Four eyes: bank-a asked for the assessment, so another officer of the bank decides the review.
    const page = await signIn('bank-a-2');
    await page.getByRole('tab', { name: 'Review queue' }).click();
    const row = page.locator(`tr[data-financing="${financingId}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('LINE_HEADROOM_LOW');
    await page.getByLabel('Note').first().waitFor();
    await row.getByLabel('Note').fill('order book checked with the core enterprise');
    await page.getByRole('button', { name: `Approve ${financingId}`, exact: true }).click();
    const approved = await page.locator('#reviews-status', { hasText: `${financingId} approved: financing ACTIVE` }).textContent();
    const approvalBlock = Number(/block (\d+)/.exec(approved ?? '')?.[1]);
    // The approval's own block arrives through the event stream.
    expect(approvalBlock).toBeGreaterThan(0);
    await page.waitForFunction(
      `Number((/block (\\d+)/.exec(document.getElementById('live').textContent) || [])[1] || -1) >= ${String(approvalBlock)}`,
    );
    await row.waitFor({ state: 'detached' });
    const decided = page.getByRole('table', { name: 'Recently decided' });
    await decided.locator('tr', { hasText: financingId }).waitFor();
    await expect(decided.locator('tr', { hasText: financingId }).textContent()).resolves.toContain('APPROVED');
    const financing = await gw.ok<{ status: string; assessment: { decision: string } }>('bank-a', 'GET', `/v1/financings/${financingId}`);
    expect(financing.status).toBe('ACTIVE');
    expect(financing.assessment.decision).toBe('APPROVE');
    const kept = await gw.ok<{ stage: string; decision: string }[]>('bank-a', 'GET', `/v1/risk/decisions?financingId=${financingId}`);
    expect(kept.some((d) => d.stage === 'officer-review' && d.decision === 'APPROVE')).toBe(true);
    await screenshot(page, 'bank');

    await page.getByRole('tab', { name: 'Book' }).click();
    await page
      .getByRole('table', { name: 'Credit lines (latest 20)' })
      .locator('tr', { hasText: `${id}-line` })
      .waitFor();
    // The exposure report drew its chart with the Chart.js the gateway serves.
    await page.getByRole('table', { name: 'By core enterprise' }).locator('tr', { hasText: 'core' }).first().waitFor();
    // The entry with the line whose terms Bank A's gateway does not hold: limit, headroom and use unknown, not a broken page.
    const pending = page.getByRole('table', { name: 'By core enterprise' }).locator('tr', { hasText: PENDING_CURRENCY });
    await expect(pending.locator('td').allTextContents()).resolves.toEqual([
      'core',
      '–',
      `0.00 ${PENDING_CURRENCY}`,
      '–',
      `0.00 ${PENDING_CURRENCY}`,
      `10,000,000,000.00 ${PENDING_CURRENCY}`,
      '–',
      '1',
    ]);
    await page.waitForFunction('window.Chart !== undefined && Object.keys(window.Chart.instances).length > 0');
    await screenshot(page, 'bank-book');
    await page.close();
  });

  it("supplier: sees its receivable's lineage and its financing's status", async () => {
    await peersInStep();
    const page = await signIn('supplier-1');
    await page.locator(`tr[data-receivable="${receivableId}"]`).waitFor();
    await page.getByRole('button', { name: `Lineage of ${receivableId}`, exact: true }).click();
    const lineage = page.getByRole('region', { name: `Lineage of ${receivableId}` });
    await lineage.waitFor();
    await expect(lineage.textContent()).resolves.toMatch(/IssueReceivable[\s\S]*ConfirmReceivable/);

    await page.getByRole('tab', { name: 'Financing' }).click();
    const financing = page.locator(`tr[data-financing="${financingId}"]`);
    await financing.waitFor();
    await expect(financing.textContent()).resolves.toContain('ACTIVE');
    await screenshot(page, 'supplier');
    await page.close();
  });

  it('auditor: follows new blocks live, opens one, reads an asset history and verifies the chain', async () => {
    await peersInStep();
    const page = await signIn('auditor');
    const blocks = page.getByRole('table', { name: /^Blocks / });
    await blocks.waitFor();
    const extra = `${id}-r3`;
    await issue(extra, '50000');
    const tx = await gw.ok<{ items: { blockNumber: string }[] }>(
      'auditor',
      'GET',
      `/v1/search/transactions?fn=${fcn(catalogueTx.receivable.IssueReceivable)}&limit=1`,
    );
    const newest = tx.items[0]?.blockNumber ?? '';
    await page.locator(`tr[data-block="${newest}"]`).waitFor();
    await page.getByRole('button', { name: `Open block ${newest}`, exact: true }).click();
    await page.getByRole('heading', { name: `Block ${newest}`, exact: true }).waitFor();
    await expect(page.locator('#view').textContent()).resolves.toContain(fcn(catalogueTx.receivable.IssueReceivable));

    await page.getByRole('tab', { name: 'Asset history' }).click();
    await page.getByLabel('Id').fill(receivableId);
    await page.getByRole('button', { name: 'Show history' }).click();
    await page.getByRole('heading', { name: `${receivableId}: 2 versions`, exact: true }).waitFor();

    await page.getByRole('tab', { name: 'Verify' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await page.locator('#verify-status', { hasText: /verified|breaches found/ }).waitFor({ timeout: 170_000 });
    await page.getByRole('heading', { name: /^Result/ }).waitFor();

    await page.getByRole('tab', { name: 'Blocks' }).click();
    await page.getByRole('heading', { name: `Block ${newest}`, exact: true }).waitFor();
    await screenshot(page, 'auditor');
    await page.close();
  });
});
