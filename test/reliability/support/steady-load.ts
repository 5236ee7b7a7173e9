import type { GatewayProcess } from '../../support/gateway-process';
import { isoDay } from '../../support/ledger';

/** A receivable the API answered 201 for: it says the transaction committed. */
export interface Acknowledged {
  readonly receivableId: string;
  readonly transactionId: string;
  /** When the attempt that was acknowledged was sent. */
  readonly sentAt: number;
  /** When the request's first attempt was sent: the client has waited since then. */
  readonly firstSentAt: number;
  readonly answeredAt: number;
}

/** How a request ended that was never acknowledged: its fate must be read from the ledger. */
export interface Unacknowledged {
  readonly receivableId: string;
  readonly lastAnswer: string;
}

const SUPPLIERS = ['supplier-1', 'supplier-2', 'supplier-3'];
const ATTEMPTS = 6;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A closed loop of `concurrency` clients, each issuing one new receivable after the other through
 * the REST API, as a careful client would: every request carries an Idempotency-Key, and a
 * request without a definite answer (connection refused or reset, 5xx) is resent with the same
 * key a few times before the client gives up on it. A 4xx is a definite answer: no resend.
 */
export class SteadyLoad {
  readonly acknowledged: Acknowledged[] = [];
  readonly unacknowledged: Unacknowledged[] = [];
  readonly #workers: Promise<void>[] = [];
  /** Requests not answered for good yet (acknowledged, refused or given up on), by id: when their first attempt was sent. */
  readonly #inFlight = new Map<string, number>();
  #running = false;
  #next = 0;

  constructor(
    private readonly gateway: GatewayProcess,
    private readonly prefix: string,
    private readonly concurrency = 4,
  ) {}

  /** Every id the load tried, acknowledged or not. */
  get attemptedIds(): string[] {
    return Array.from({ length: this.#next }, (_, i) => this.idOf(i));
  }

  start(): void {
    this.#running = true;
    for (let w = 0; w < this.concurrency; w++) {
      this.#workers.push(this.work(w));
    }
  }

  async stop(): Promise<void> {
    this.#running = false;
    await Promise.all(this.#workers);
  }

  /** The first acknowledgement of a request sent at or after `since` (ms epoch): the first new commit. */
  firstAcknowledgedAfter(since: number): Acknowledged | undefined {
    return this.acknowledged.filter((a) => a.sentAt >= since).sort((a, b) => a.answeredAt - b.answeredAt)[0];
  }

  /** When the oldest request still waiting for a final answer was first sent, or undefined when none is. */
  oldestInFlightSince(): number | undefined {
    const starts = [...this.#inFlight.values()];
    return starts.length === 0 ? undefined : Math.min(...starts);
  }

  private idOf(n: number): string {
    return `${this.prefix}-${String(n)}`;
  }

  private async work(worker: number): Promise<void> {
    const supplier = SUPPLIERS[worker % SUPPLIERS.length] ?? 'supplier-1';
    while (this.#running) {
      const receivableId = this.idOf(this.#next++);
      await this.issue(supplier, receivableId);
    }
  }

  private async issue(supplier: string, receivableId: string): Promise<void> {
    const body = {
      receivableId,
      debtorId: 'core',
      invoiceNumber: `INV-${receivableId}`,
      currency: 'USD',
      amount: '1000',
      issueDate: isoDay(-1),
      dueDate: isoDay(30),
    };
    const firstSentAt = Date.now();
    this.#inFlight.set(receivableId, firstSentAt);
    try {
      await this.attempts(supplier, receivableId, body, firstSentAt);
    } finally {
      this.#inFlight.delete(receivableId);
    }
  }

  private async attempts(supplier: string, receivableId: string, body: Record<string, string>, firstSentAt: number): Promise<void> {
    let lastAnswer = 'not sent';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const sentAt = Date.now();
      try {
        const response = await this.gateway.fetch(supplier, 'POST', '/v1/receivables', body, { 'idempotency-key': `load-${receivableId}` });
        if (response.status === 201) {
          const transactionId = (response.body as { transactionId: string }).transactionId;
          this.acknowledged.push({ receivableId, transactionId, sentAt, firstSentAt, answeredAt: Date.now() });
          return;
        }
        lastAnswer = `${String(response.status)} ${JSON.stringify(response.body)}`;
        if (response.status < 500) {
          break;
        }
      } catch (error) {
        lastAnswer =
          error instanceof Error ? `${error.message} ${(error as { cause?: { message?: string } }).cause?.message ?? ''}` : String(error);
      }
      await sleep(250 * attempt);
    }
    this.unacknowledged.push({ receivableId, lastAnswer });
  }
}
