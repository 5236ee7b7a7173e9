import type { IdentityFiles, NetworkDescription, OrgDescription } from '../ledger/org-network';
import path from 'node:path';
import { hashApiKey, type CallerRole, type CredentialsFile } from '../auth/credentials';
import { DEFAULT_EXPIRY, type GatewayConfig, LEDGER_FAILOVER_TIMINGS } from '../config';
import type {
  ChaincodeArgument,
  CommittedTransaction,
  GateDecision,
  GatedTransaction,
  Ledger,
  LedgerDirectory,
  SubmitOptions,
  TransactionFate,
} from '../ledger/ledger';
import type { ChaincodeCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';
import { openSealed } from '@scf/kernel/sealed-answer';
import { SEALING_KEY } from '@scf/kernel/testing/certificates';
import { currentReadFloor, withReadFloor } from '../ledger/read-floor';

/** Unit tests only: a network description whose files are never read. */
export function fakeNetwork(orgs: readonly { name: string; users: number }[] = FAKE_ORGS): NetworkDescription {
  const identity = (name: string, user: string): IdentityFiles => ({
    org: name,
    mspId: `${name}MSP`,
    user,
    certPath: path.join('/nonexistent', name, user, 'cert.pem'),
    keyPath: path.join('/nonexistent', name, user, 'key.pem'),
    mspDir: path.join('/nonexistent', name, user, 'msp'),
  });
  return {
    channel: 'scf',
    chaincode: 'scf',
    orgs: orgs.map((org, i): OrgDescription => ({
      name: org.name,
      mspId: `${org.name}MSP`,
      peer: {
        name: `peer0.${org.name}`,
        org: org.name,
        mspId: `${org.name}MSP`,
        address: `127.0.0.${21 + i}:7061`,
        hostname: `peer0.${org.name.toLowerCase()}.scf.local`,
        tlsCaPath: '/nonexistent/ca.pem',
      },
      admin: identity(org.name, 'Admin'),
      users: Array.from({ length: org.users }, (_, u) => identity(org.name, `User${u + 1}`)),
    })),
  };
}

export const FAKE_ORGS = [
  { name: 'BankA', users: 3 },
  { name: 'BankB', users: 3 },
  { name: 'Core', users: 3 },
  { name: 'Suppliers', users: 5 },
  { name: 'Warehouse', users: 3 },
  { name: 'Auditor', users: 3 },
];

/**
 * Callers with known keys (test-only keys; real ones are random) and one internal identity. The
 * second bank officer decides reviews the first one's assessments queued (four eyes).
 */
export const TEST_KEYS = {
  supplier1: 'test-key-supplier-1',
  bankOfficer: 'test-key-bank-a',
  secondOfficer: 'test-key-bank-a-2',
  auditor: 'test-key-auditor',
} as const;

export const TEST_CREDENTIALS: CredentialsFile = {
  version: 1,
  credentials: [
    {
      name: 'supplier-1',
      keyHash: hashApiKey(TEST_KEYS.supplier1),
      org: 'Suppliers',
      user: 'User1',
      displayName: 'Tier-1 supplier',
      role: 'supplier',
      internal: false,
    },
    {
      name: 'bank-a',
      keyHash: hashApiKey(TEST_KEYS.bankOfficer),
      org: 'BankA',
      user: 'User1',
      displayName: 'Bank A officer',
      role: 'bank',
      internal: false,
    },
    {
      name: 'bank-a-2',
      keyHash: hashApiKey(TEST_KEYS.secondOfficer),
      org: 'BankA',
      user: 'User3',
      displayName: 'Bank A second officer',
      role: 'bank',
      internal: false,
    },
    {
      name: 'auditor',
      keyHash: hashApiKey(TEST_KEYS.auditor),
      org: 'Auditor',
      user: 'User1',
      displayName: 'Auditor',
      role: 'auditor',
      internal: false,
    },
    {
      name: 'bank-a-risk',
      keyHash: null,
      org: 'BankA',
      user: 'User2',
      displayName: 'Bank A risk gateway',
      role: 'risk-gateway',
      internal: true,
    },
  ],
};

/** One User1 credential per [name, org, role], each with the API key `key-<name>`. */
export function credentialsFor(callers: readonly (readonly [name: string, org: string, role: CallerRole])[]): CredentialsFile {
  return {
    version: 1,
    credentials: callers.map(([name, org, role]) => ({
      name,
      keyHash: hashApiKey(`key-${name}`),
      org,
      user: 'User1',
      displayName: name,
      role,
      internal: false,
    })),
  };
}

export function testConfig(dir: string): GatewayConfig {
  return {
    org: undefined,
    connectionFile: undefined,
    host: '127.0.0.1',
    port: 0,
    adminPort: 0,
    sqlitePath: path.join(dir, 'gateway.db'),
    readModel: { driver: 'sqlite', sqlitePath: path.join(dir, 'read-model.db') },
    credentialsFile: path.join(dir, 'credentials.json'),
    demoKeysFile: path.join(dir, 'demo-credentials.json'),
    riskPolicyDir: path.join(dir, 'policies'),
    logLevel: 'silent',
    rateLimit: { perSecond: 1000, burst: 1000 },
    failover: { ...LEDGER_FAILOVER_TIMINGS },
    limits: { eventStreamsPerCredential: 4, heavy: { perMinute: 1000, burst: 1000 }, authFailures: { perMinute: 1000, burst: 1000 } },
    expiry: DEFAULT_EXPIRY,
  };
}

export interface RecordedCall {
  readonly identity: string;
  readonly method: 'evaluate' | 'submit' | 'endorseThenDecide';
  readonly contract: string;
  readonly transaction: string;
  readonly args: readonly ChaincodeArgument[];
  /** The submit option that keeps an envelope from being sent after its decision expired. */
  readonly sendUntilMs?: number;
  /** The orgs named to endorse, when the call named them. */
  readonly endorsingOrganizations?: readonly string[];
  /** The transient data the call carried, when it carried any. */
  readonly transient?: Readonly<Record<string, string | Uint8Array>>;
}

/** What FakeLedgers records for a call made with the catalogue's `call(…)`: to compare with `calls`. */
export function recorded(made: ChaincodeCall): Pick<RecordedCall, 'contract' | 'transaction' | 'args'> {
  return { contract: made.contract, transaction: made.transaction, args: made.args };
}

type Answer = (call: RecordedCall) => Uint8Array | Promise<Uint8Array>;

const utf8 = new TextEncoder();

/** Unit tests only: a ledger per identity that records every call and answers with `answer`. */
export class FakeLedgers implements LedgerDirectory {
  readonly calls: RecordedCall[] = [];
  answer: Answer = () => utf8.encode('{}');
  /** What transactionFate answers per transaction id; unknown when absent. */
  readonly fates = new Map<string, TransactionFate>();
  /** Transaction ids asked about with transactionFate, in order. */
  readonly fateQueries: string[] = [];
  /** The signed envelopes those queries carried (decoded as text), in the same order. */
  readonly fateEnvelopes: (string | undefined)[] = [];
  /** The read floor (X-SCF-Min-Block) each recorded call ran under, in the order of `calls`. */
  readonly readFloors: (bigint | undefined)[] = [];
  closed = false;

  withReadFloor(blockNumber: bigint, next: () => void): void {
    withReadFloor(blockNumber, next);
  }

  forIdentity(identity: IdentityFiles): Ledger {
    const who = `${identity.mspId}/${identity.user}`;
    const record = async (
      method: RecordedCall['method'],
      contract: string,
      transaction: string,
      args: readonly ChaincodeArgument[],
      options: SubmitOptions = {},
    ): Promise<Uint8Array> => {
      const { sendUntilMs, endorsingOrganizations, transient } = options;
      const call = {
        identity: who,
        method,
        contract,
        transaction,
        args,
        ...(sendUntilMs === undefined ? {} : { sendUntilMs }),
        ...(endorsingOrganizations === undefined ? {} : { endorsingOrganizations: [...endorsingOrganizations] }),
        ...(transient === undefined ? {} : { transient: { ...transient } }),
      };
      this.calls.push(call);
      this.readFloors.push(currentReadFloor());
      return this.answer(call);
    };
    return {
      identity,
      evaluate: ({ contract, transaction, args }) => record('evaluate', contract, transaction, args),
      submit: async ({ contract, transaction, args }, options?: SubmitOptions): Promise<CommittedTransaction> => ({
        transactionId: `tx-${this.calls.length}`,
        blockNumber: 7n,
        result: await record('submit', contract, transaction, args, options),
      }),
      endorseThenDecide: async <D extends GateDecision>(
        { contract, transaction, args }: SubmitCall,
        decide: (r: Uint8Array, tx: string) => Promise<D>,
        options?: SubmitOptions,
      ): Promise<GatedTransaction<D>> => {
        const result = await record('endorseThenDecide', contract, transaction, args, options);
        const transactionId = `tx-${this.calls.length}`;
        const decision = await decide(result, transactionId);
        return decision.proceed
          ? { submitted: true, decision, transactionId, result, blockNumber: 7n }
          : { submitted: false, decision, transactionId, result };
      },
      blockHeight: () => Promise.resolve(8n),
      // Every fake identity holds the test sealing key (kernel/src/testing/certificates.ts).
      unseal: (sealed) => openSealed(sealed, SEALING_KEY),
      transactionFate: (transactionId, envelope) => {
        this.fateQueries.push(transactionId);
        this.fateEnvelopes.push(envelope === undefined ? undefined : new TextDecoder().decode(envelope));
        return Promise.resolve(this.fates.get(transactionId) ?? { state: 'unknown' });
      },
    };
  }

  any(): Ledger {
    return this.forIdentity(fakeNetwork().orgs[0]?.users[0] ?? fail('no fake identity'));
  }

  close(): void {
    this.closed = true;
  }
}

function fail(message: string): never {
  throw new Error(message);
}
