import './quiet-logs';
import type { ChaincodeStub } from 'fabric-shim';
import { contracts } from '../index';
import type { ScfContract } from '../contracts/scf-contract';
import { FakeLedger, type SimulatedTx, type ValidationCode } from './fake-ledger';
import { FakeStub } from './fake-stub';
import type { FakeIdentity } from './fake-identity';
import { KeyType } from '@scf/kernel/keys';
import { creditLineTermsCollection } from '@scf/kernel/records/terms';
import { TransientKey } from '@scf/kernel/transient';

const compositeKey = (objectType: string, attributes: readonly string[]): string =>
  `\u0000${[objectType, ...attributes].join('\u0000')}\u0000`;

/** 2025-01-10T00:00:00Z */
export const START_SECONDS = 1_736_467_200;
export const DAY_SECONDS = 86_400;
export const ALL_ORGS = ['BankAMSP', 'BankBMSP', 'CoreMSP', 'SuppliersMSP', 'WarehouseMSP', 'AuditorMSP'];

export interface InvokeOptions {
  readonly transient?: Readonly<Record<string, string>>;
  /** Orgs whose peers endorse; defaults to all six (which satisfies every policy). */
  readonly endorsingOrgs?: readonly string[];
  readonly txId?: string;
}

export type Outcome =
  | { readonly ok: true; readonly payload: string; readonly tx: SimulatedTx }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly raw: string };

export type Submitted = Outcome & { readonly validation?: ValidationCode };

const silentLogger = {
  error: (): void => undefined,
  warn: (): void => undefined,
  info: (): void => undefined,
  debug: (): void => undefined,
};

function toFailure(error: unknown): Outcome {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(raw) as { code?: unknown; message?: unknown };
    return { ok: false, code: String(parsed.code), message: String(parsed.message), raw };
  } catch {
    return { ok: false, code: 'NOT_JSON', message: raw, raw };
  }
}

/**
 * Runs the real contract classes the way fabric-shim does (createContext, beforeTransaction,
 * aroundTransaction, afterTransaction) on a FakeStub, and commits like a peer: only a
 * successful simulation is submitted, and only a valid one changes state.
 */
export class TestNetwork {
  seconds = START_SECONDS;
  private readonly byName = new Map<string, ScfContract>();
  private txCounter = 0;

  constructor(readonly ledger: FakeLedger = new FakeLedger()) {
    for (const Contract of contracts) {
      const contract = new Contract() as ScfContract;
      this.byName.set(contract.getName(), contract);
    }
  }

  /** A network on a copy of this one's ledger, at the same time and tx counter. */
  fork(): TestNetwork {
    const copy = new TestNetwork(this.ledger.clone());
    copy.seconds = this.seconds;
    copy.txCounter = this.txCounter;
    return copy;
  }

  contractNames(): string[] {
    return [...this.byName.keys()];
  }

  contract(name: string): ScfContract {
    const found = this.byName.get(name);
    if (!found) {
      throw new Error(`no contract ${name}`);
    }
    return found;
  }

  advanceDays(days: number): void {
    this.seconds += days * DAY_SECONDS;
  }

  /** Simulates a proposal (an evaluation, or the endorsement half of a submit). */
  async simulate(identity: FakeIdentity, fcn: string, args: readonly string[], options: InvokeOptions = {}): Promise<Outcome> {
    const [contractName = '', method = ''] = fcn.split(':');
    const contract = this.contract(contractName);
    const transient = this.bankGatewayTransient(fcn, args, options.transient ?? {});
    this.txCounter += 1;
    const stub = new FakeStub(this.ledger, {
      txId: options.txId ?? `tx${this.txCounter.toString().padStart(6, '0')}`,
      seconds: this.seconds,
      creatorMsp: identity.getMSPID(),
      fcn,
      args,
      transient: new Map(Object.entries(transient)),
      endorsingOrgs: options.endorsingOrgs ?? ALL_ORGS,
    });
    const ctx = contract.createContext();
    ctx.stub = stub as unknown as ChaincodeStub;
    ctx.clientIdentity = identity;
    ctx.logging = { setLevel: () => undefined, getLogger: () => silentLogger as never };
    try {
      await contract.beforeTransaction(ctx);
      // fabric-contract-api's typings say fn is a Function returning void; it is the name, and the result comes back.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type, @typescript-eslint/no-confusing-void-expression
      const result: unknown = await contract.aroundTransaction(ctx, method as unknown as Function, args);
      await contract.afterTransaction(ctx, result);
      if (typeof result !== 'string') {
        throw new Error(`${fcn} returned ${typeof result}, not a string`);
      }
      return { ok: true, payload: result, tx: stub.result(result) };
    } catch (error) {
      return toFailure(error);
    }
  }

  /**
   * What the bank's gateway does before an approval: reads the line's terms on its own peer (a
   * member of the bank × core collection) and passes them in the transient map, unless the test
   * passes its own (`lineTerms`, possibly tampered) or the line has none.
   */
  private bankGatewayTransient(fcn: string, args: readonly string[], transient: Readonly<Record<string, string>>): Record<string, string> {
    if (fcn !== 'scf.financing:ApproveFinancing' || TransientKey.lineTerms in transient) {
      return { ...transient };
    }
    const readJson = (key: string): Record<string, unknown> | undefined => {
      const entry = this.ledger.read(key);
      return entry === undefined ? undefined : (JSON.parse(entry.value.toString('utf8')) as Record<string, unknown>);
    };
    const financing = readJson(compositeKey(KeyType.financing, [args[0] ?? '']));
    const line = readJson(compositeKey(KeyType.creditLine, [String(financing?.lineId)]));
    if (line === undefined) {
      return { ...transient };
    }
    const collection = creditLineTermsCollection(String(line.bankMsp));
    const terms = this.ledger.readPrivate(collection, compositeKey('scf.terms', ['creditline', String(line.id)]));
    return terms === undefined ? { ...transient } : { ...transient, [TransientKey.lineTerms]: terms.value.toString('utf8') };
  }

  async evaluate(identity: FakeIdentity, fcn: string, args: readonly string[], options: InvokeOptions = {}): Promise<Outcome> {
    return this.simulate(identity, fcn, args, options);
  }

  /** Endorse then, if the simulation succeeded, order and validate. */
  async submit(identity: FakeIdentity, fcn: string, args: readonly string[], options: InvokeOptions = {}): Promise<Submitted> {
    const outcome = await this.simulate(identity, fcn, args, options);
    return outcome.ok ? { ...outcome, validation: this.ledger.commit(outcome.tx) } : outcome;
  }
}
