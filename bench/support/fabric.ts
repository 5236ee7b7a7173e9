/** Direct fabric-gateway access for the benchmark: one connection per identity, reused. */
import { StatusCode, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { connectGateway, describeNetwork, orgByName, userOf, type IdentityFiles, type NetworkDescription } from '@scf/network';
import { TextDecoder } from 'node:util';
import { DEMO_PARTICIPANTS } from '../../gateway/src/demo/demo-participants';
import { isEndorsementDisagreement } from '../../gateway/src/ledger/errors';
import { describeError, type Outcome } from './stats';
import type { ContractName, EvaluateCall, SubmitCall } from '@scf/kernel/catalogue/catalogue';

const utf8 = new TextDecoder();
const STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));

export interface SubmitOutcome {
  readonly outcome: Outcome;
  readonly detail?: string;
  readonly result?: unknown;
}

interface Connection {
  readonly gateway: Gateway;
  close(): void;
}

/** fabric-gateway clients for the demo participants, opened on first use. */
export class FabricClients {
  readonly network: NetworkDescription = describeNetwork();
  private readonly connections = new Map<string, Connection>();

  private gateway(participantId: string): Gateway {
    const existing = this.connections.get(participantId);
    if (existing) {
      return existing.gateway;
    }
    const participant = DEMO_PARTICIPANTS.find((p) => p.participantId === participantId);
    if (!participant) {
      throw new Error(`no demo participant ${participantId}`);
    }
    const org = orgByName(this.network, participant.org);
    const { gateway, client } = connectGateway(userOf(org, participant.user), org.peer);
    this.connections.set(participantId, {
      gateway,
      close: () => {
        gateway.close();
        client.close();
      },
    });
    return gateway;
  }

  /** The identity files of a demo participant (a risk gateway's: its key file, or its HSM reference). */
  identityFiles(participantId: string): IdentityFiles {
    const participant = DEMO_PARTICIPANTS.find((p) => p.participantId === participantId);
    if (!participant) {
      throw new Error(`no demo participant ${participantId}`);
    }
    return userOf(orgByName(this.network, participant.org), participant.user);
  }

  contract(participantId: string, contractName: ContractName): Contract {
    return this.gateway(participantId).getNetwork(this.network.channel).getContract(this.network.chaincode, contractName);
  }

  /** Another chaincode on the same channel, through the same connection (the bench's minimal chaincode). */
  otherChaincode(participantId: string, chaincode: string): Contract {
    return this.gateway(participantId).getNetwork(this.network.channel).getContract(chaincode);
  }

  async evaluate<T>(participantId: string, query: EvaluateCall): Promise<T> {
    const bytes = await this.contract(participantId, query.contract).evaluateTransaction(query.transaction, ...query.args);
    return JSON.parse(utf8.decode(bytes)) as T;
  }

  /**
   * Endorses, submits and waits for the commit status; no retry. An MVCC or phantom read
   * conflict, or endorsers that returned different results (the ledger moved under the proposal:
   * the REST gateway answers both 409), is reported as 'conflict', anything else that does not
   * commit as 'failed'.
   */
  submit(participantId: string, { contract, transaction, args }: SubmitCall, options: SubmitExtras = {}): Promise<SubmitOutcome> {
    return submitTo(this.contract(participantId, contract), transaction, args, options);
  }

  /** submit, to a chaincode other than ours (no catalogue call). */
  submitOther(participantId: string, chaincode: string, transaction: string, args: readonly string[]): Promise<SubmitOutcome> {
    return submitTo(this.otherChaincode(participantId, chaincode), transaction, args);
  }

  /** submit, throwing unless it committed (set-up steps). */
  async mustSubmit(participantId: string, transaction: SubmitCall): Promise<unknown> {
    const outcome = await this.submit(participantId, transaction);
    if (outcome.outcome !== 'ok') {
      throw new Error(
        `${transaction.contract}:${transaction.transaction} as ${participantId} did not commit: ${outcome.detail ?? outcome.outcome}`,
      );
    }
    return outcome.result;
  }

  close(): void {
    for (const connection of this.connections.values()) {
      connection.close();
    }
    this.connections.clear();
  }
}

/** What a submit may carry besides its arguments, as the REST gateway sends it: transient data, the orgs to endorse. */
export interface SubmitExtras {
  readonly transient?: Readonly<Record<string, string>>;
  readonly endorsingOrganizations?: readonly string[];
}

/** Endorses, submits and waits for the commit status of one transaction; no retry. */
async function submitTo(
  contract: Contract,
  transaction: string,
  args: readonly string[],
  extras: SubmitExtras = {},
): Promise<SubmitOutcome> {
  try {
    const commit = await contract.submitAsync(transaction, {
      arguments: [...args],
      ...(extras.transient === undefined ? {} : { transientData: { ...extras.transient } }),
      ...(extras.endorsingOrganizations === undefined ? {} : { endorsingOrganizations: [...extras.endorsingOrganizations] }),
    });
    const status = await commit.getStatus();
    if (status.successful) {
      return { outcome: 'ok', result: parseJson(commit.getResult()) };
    }
    const conflict = status.code === StatusCode.MVCC_READ_CONFLICT || status.code === StatusCode.PHANTOM_READ_CONFLICT;
    return {
      outcome: conflict ? 'conflict' : 'failed',
      detail: `${transaction}: ${STATUS_NAMES.get(status.code) ?? String(status.code)}`,
    };
  } catch (error) {
    return { outcome: isEndorsementDisagreement(error) ? 'conflict' : 'failed', detail: `${transaction}: ${describeError(error)}` };
  }
}

function parseJson(bytes: Uint8Array): unknown {
  const text = utf8.decode(bytes);
  if (text.length === 0) {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
