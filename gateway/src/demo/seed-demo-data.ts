import { DEMO_PARTICIPANTS, demoParticipant } from './demo-participants';

/**
 * The demo book `npm start` loads through the REST API, each step as the participant who may take
 * it, so the dashboard, the reports and the chain view have something to show: two banks' credit
 * lines on the core enterprise, a three-tier receivable tree, financings (one left in the review
 * queue), a payable waiting for confirmation, and a pledged warehouse receipt.
 * Every step first reads whether it is already done, so a second `npm start` changes nothing.
 */
export interface DemoApi {
  /** Calls the gateway as a demo participant; resolves to the HTTP status and JSON body. */
  call(as: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

interface Step {
  readonly what: string;
  /** Resolves true when the step's effect is already on the ledger. */
  readonly done: () => Promise<boolean>;
  readonly run: () => Promise<void>;
}

const DAY_MS = 86_400_000;

function isoDay(from: Date, days: number): string {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) + days * DAY_MS).toISOString().slice(0, 10);
}

function statusOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'status' in body && typeof body.status === 'string' ? body.status : undefined;
}

function decisionOf(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'decision' in body && typeof body.decision === 'string' ? body.decision : undefined;
}

/** The bank's policy said no: a recorded outcome, not a failure of the demo. */
function isRiskRejection(response: { status: number; body: unknown }): boolean {
  const { body } = response;
  return response.status === 422 && typeof body === 'object' && body !== null && 'code' in body && body.code === 'RISK_REJECTED';
}

export class DemoSeedError extends Error {}

/** Four eyes: another officer of the bank's org decides a review the bank's desk asked for (none: it stays in review). */
function reviewerOf(bank: string): string | undefined {
  const asker = demoParticipant(bank);
  return DEMO_PARTICIPANTS.find((p) => p.org === asker.org && p.role === asker.role && p.participantId !== bank)?.participantId;
}

function steps(api: DemoApi, today: Date): Step[] {
  const expect2xx = async (as: string, method: 'POST' | 'PUT', path: string, body?: unknown): Promise<unknown> => {
    const response = await api.call(as, method, path, body);
    if (response.status < 200 || response.status > 299) {
      throw new DemoSeedError(`${method} ${path} as ${as} answered ${String(response.status)}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };
  const exists = async (path: string): Promise<boolean> => (await api.call('auditor', 'GET', path)).status === 200;
  const statusAt = async (path: string): Promise<string | undefined> => {
    const response = await api.call('auditor', 'GET', path);
    return response.status === 200 ? statusOf(response.body) : undefined;
  };
  /** Past `initial`; a record not yet readable (the peer asked may be a block behind) is not past it. */
  const movedOn = async (path: string, initial: string): Promise<boolean> => {
    const status = await statusAt(path);
    return status !== undefined && status !== initial;
  };
  const decided = async (bank: string, financingId: string, decisions: readonly string[]): Promise<boolean> => {
    const { body } = await api.call(bank, 'GET', `/v1/risk/decisions?financingId=${financingId}`);
    return Array.isArray(body) && body.some((decision) => decisions.includes(decisionOf(decision) ?? ''));
  };
  const expiresOn = isoDay(today, 365);

  const line = (lineId: string, bank: string, limit: string): Step => ({
    what: `${bank} grants the core enterprise credit line ${lineId}`,
    done: () => exists(`/v1/credit-lines/${lineId}`),
    run: async () => {
      await expect2xx(bank, 'POST', '/v1/credit-lines', {
        lineId,
        coreId: 'core',
        currency: 'USD',
        limit,
        expiresOn,
        maxAdvanceRateBps: '9000',
        maxTenorDays: 180,
        graceDays: 10,
      });
    },
  });
  const receivable = (receivableId: string, supplier: string, amount: string, dueInDays: number, confirm: boolean): Step[] => [
    {
      what: `${supplier} issues receivable ${receivableId} on the core enterprise`,
      done: () => exists(`/v1/receivables/${receivableId}`),
      run: async () => {
        await expect2xx(supplier, 'POST', '/v1/receivables', {
          receivableId,
          debtorId: 'core',
          invoiceNumber: `INV-${receivableId}`,
          currency: 'USD',
          amount,
          issueDate: isoDay(today, -3),
          dueDate: isoDay(today, dueInDays),
        });
      },
    },
    ...(confirm
      ? [
          {
            what: `the core enterprise confirms ${receivableId}`,
            done: () => movedOn(`/v1/receivables/${receivableId}`, 'ISSUED'),
            run: async () => {
              await expect2xx('core', 'POST', `/v1/receivables/${receivableId}/confirm`);
            },
          },
        ]
      : []),
  ];
  const split = (receivableId: string, holder: string, keep: string, pass: { id: string; holder: string; amount: string }): Step => ({
    what: `${holder} passes ${pass.amount} of ${receivableId} to ${pass.holder}`,
    done: () => exists(`/v1/receivables/${pass.id}`),
    run: async () => {
      await expect2xx(holder, 'POST', `/v1/receivables/${receivableId}/split`, {
        parts: [
          { id: `${receivableId}-keep`, amount: keep, holderId: holder },
          { id: pass.id, amount: pass.amount, holderId: pass.holder },
        ],
      });
    },
  });
  /** `leaveInReview`: an assessment that asks for an officer stays in the bank's queue. */
  const financing = (
    financingId: string,
    borrower: string,
    bank: string,
    receivableId: string,
    lineId: string,
    amount: string,
    leaveInReview: boolean,
  ): Step[] => [
    {
      what: `${borrower} asks ${bank} to finance ${amount} of ${receivableId}`,
      done: () => exists(`/v1/financings/${financingId}`),
      run: async () => {
        await expect2xx(borrower, 'POST', '/v1/financings', { financingId, receivableId, lineId, amount });
      },
    },
    {
      what: `${bank}'s risk gate assesses ${financingId}`,
      // A rejection is an outcome too: the gate recorded it, and the request stays REQUESTED.
      done: async () =>
        (await movedOn(`/v1/financings/${financingId}`, 'REQUESTED')) ||
        (await decided(bank, financingId, leaveInReview || reviewerOf(bank) === undefined ? ['REJECT', 'REVIEW'] : ['REJECT'])),
      run: async () => {
        const assessed = await api.call(bank, 'POST', `/v1/financings/${financingId}/assess`);
        const reviewer = leaveInReview ? undefined : reviewerOf(bank);
        if (assessed.status === 202 && decisionOf(assessed.body) === 'REVIEW' && reviewer !== undefined) {
          await expect2xx(reviewer, 'POST', `/v1/risk/reviews/${financingId}/decision`, {
            decision: 'APPROVE',
            note: 'demo data: officer approved',
          });
        } else if (assessed.status !== 200 && assessed.status !== 202 && !isRiskRejection(assessed)) {
          throw new DemoSeedError(
            `assessing ${financingId} as ${bank} answered ${String(assessed.status)}: ${JSON.stringify(assessed.body)}`,
          );
        }
      },
    },
  ];

  return [
    {
      what: 'the auditor sets the consortium cap on the core enterprise',
      // A core enterprise without a cap still answers 200, with `cap: null`.
      done: async () => {
        const { status, body } = await api.call('auditor', 'GET', '/v1/consortium-caps/core/USD');
        return status === 200 && typeof body === 'object' && body !== null && 'cap' in body && typeof body.cap === 'string';
      },
      run: async () => {
        await expect2xx('auditor', 'PUT', '/v1/consortium-caps/core/USD', { cap: '2000000000' });
      },
    },
    line('demo-line-a', 'bank-a', '900000000'),
    line('demo-line-b', 'bank-b', '600000000'),
    ...receivable('demo-inv-1', 'supplier-1', '120000000', 90, true),
    ...receivable('demo-inv-2', 'supplier-1', '80000000', 60, true),
    ...receivable('demo-inv-3', 'supplier-1', '45000000', 120, true),
    ...receivable('demo-inv-4', 'supplier-1', '30000000', 45, false),
    split('demo-inv-2', 'supplier-1', '50000000', { id: 'demo-inv-2-t2', holder: 'supplier-2', amount: '30000000' }),
    split('demo-inv-2-t2', 'supplier-2', '18000000', { id: 'demo-inv-2-t3', holder: 'supplier-3', amount: '12000000' }),
    ...financing('demo-fin-1', 'supplier-1', 'bank-a', 'demo-inv-1', 'demo-line-a', '84000000', false),
    ...financing('demo-fin-2', 'supplier-2', 'bank-b', 'demo-inv-2-t2-keep', 'demo-line-b', '12000000', false),
    ...financing('demo-fin-3', 'supplier-3', 'bank-a', 'demo-inv-2-t3', 'demo-line-a', '9000000', false),
    ...financing('demo-fin-4', 'supplier-1', 'bank-a', 'demo-inv-3', 'demo-line-a', '36000000', true),
    {
      what: 'the warehouse issues receipt demo-receipt-1 to supplier-1',
      done: () => exists('/v1/warehouse-receipts/demo-receipt-1'),
      run: async () => {
        await expect2xx('warehouse', 'POST', '/v1/warehouse-receipts', {
          receiptId: 'demo-receipt-1',
          ownerId: 'supplier-1',
          lotId: 'demo-lot-1',
          commodity: 'copper',
          grade: 'A',
          unit: 't',
          quantity: '100',
          location: 'Bay 7',
        });
      },
    },
    {
      what: 'the price oracle quotes copper',
      done: () => exists('/v1/prices/copper/A/t'),
      run: async () => {
        await expect2xx('price-oracle', 'PUT', '/v1/prices/copper/A/t', { currency: 'USD', pricePerUnit: '800000' });
      },
    },
    {
      what: 'supplier-1 pledges the receipt to bank A',
      done: () => exists('/v1/pledges/demo-pledge-1'),
      run: async () => {
        await expect2xx('supplier-1', 'POST', '/v1/pledges', {
          pledgeId: 'demo-pledge-1',
          receiptId: 'demo-receipt-1',
          bankMsp: 'BankAMSP',
          loanAmount: '48000000',
        });
      },
    },
    {
      what: 'bank A accepts the pledge through its risk policy',
      done: () => movedOn('/v1/pledges/demo-pledge-1', 'REQUESTED'),
      run: async () => {
        await expect2xx('bank-a', 'POST', '/v1/pledges/demo-pledge-1/accept', {
          haircutBps: '3000',
          maintenanceRatioBps: '12000',
          officerReviewed: true,
        });
      },
    },
  ];
}

/** Runs the steps not yet done, in order; returns how many ran. */
export async function seedDemoData(api: DemoApi, today: Date, progress: (message: string) => void): Promise<number> {
  let ran = 0;
  for (const step of steps(api, today)) {
    if (await step.done()) {
      continue;
    }
    progress(`demo data: ${step.what}`);
    await step.run();
    ran += 1;
  }
  return ran;
}
