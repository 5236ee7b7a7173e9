import { isRefusal } from '../ledger/errors';
import { currentApplicationMsps, type MspTrust } from '../ledger/channel-msps';
import type { Ledger } from '../ledger/ledger';
import type { BlockReader, TransactionReader } from '../ledger/qscc-reader';
import { decodeProcessedTransaction, type DecodedTransaction } from '../readmodel/decode-block';
import { evaluateJson } from '../usecases/ledger-json';
import { provenanceClaims, provenanceFaults, type ReceivableTrail, type ReceivableVersion } from './provenance-rules';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode } from '@scf/kernel/errors';
import type { IdentityFiles } from '../ledger/org-network';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { ApprovalContext } from '@scf/kernel/records/approval-context';

/** The blocks as one bank's peer committed them: single transactions, and the channel's MSPs. */
export interface ProvenanceReader {
  transaction(txId: string): Promise<DecodedTransaction>;
  msps(): Promise<ReadonlyMap<string, MspTrust>>;
}

/** Provenance readers by Fabric identity (the bank's risk-gateway identity reads from its own peer). */
export interface ProvenanceReaders {
  forIdentity(identity: IdentityFiles): ProvenanceReader;
}

/** How long the channel's MSP list is reused before it is read again (it changes only with a configuration block). */
const MSP_CACHE_MS = 60_000;

/** Decoded transactions kept per reader set: a receivable's lineage is read again on every assessment of it. */
const MAX_TRANSACTIONS = 10_000;

/**
 * qscc: GetTransactionByID per transaction, each decoded transaction remembered (a committed
 * transaction and its validation code never change, so a second assessment of the same lineage
 * reads no block); the newest configuration block's MSPs, cached for a minute.
 */
export class QsccProvenanceReaders implements ProvenanceReaders {
  readonly #readers: { forIdentity(identity: IdentityFiles): BlockReader & TransactionReader };
  readonly #msps = new Map<string, { readonly at: number; readonly msps: Promise<ReadonlyMap<string, MspTrust>> }>();
  readonly #transactions = new Map<string, DecodedTransaction>();

  constructor(readers: { forIdentity(identity: IdentityFiles): BlockReader & TransactionReader }) {
    this.#readers = readers;
  }

  forIdentity(identity: IdentityFiles): ProvenanceReader {
    const reader = this.#readers.forIdentity(identity);
    const key = `${identity.mspId}/${identity.user}`;
    return {
      transaction: async (txId) => {
        const cacheKey = `${identity.mspId}\u0000${txId}`;
        const known = this.#transactions.get(cacheKey);
        if (known !== undefined) {
          return known;
        }
        const decoded = decodeProcessedTransaction(await reader.transactionById(txId));
        if (this.#transactions.size >= MAX_TRANSACTIONS) {
          this.#transactions.clear();
        }
        this.#transactions.set(cacheKey, decoded);
        return decoded;
      },
      msps: () => {
        const cached = this.#msps.get(key);
        if (cached && Date.now() - cached.at < MSP_CACHE_MS) {
          return cached.msps;
        }
        const msps = currentApplicationMsps(reader);
        this.#msps.set(key, { at: Date.now(), msps });
        msps.catch(() => this.#msps.delete(key));
        return msps;
      },
    };
  }
}

/** Far deeper than any supply chain's tiers; a longer parent chain is refused as malformed. */
const MAX_LINEAGE = 64;

async function lineageOf(ledger: Ledger, financed: Receivable): Promise<Receivable[] | string> {
  const chain = [financed];
  for (let top = financed; top.parentId !== undefined; top = chain[0] as Receivable) {
    if (chain.length >= MAX_LINEAGE || chain.some((r) => r.id === top.parentId)) {
      return `receivable ${financed.id}'s parent chain loops or is deeper than ${MAX_LINEAGE.toString()}`;
    }
    chain.unshift(await evaluateJson<Receivable>(ledger, call(tx.receivable.GetReceivable, { receivableId: top.parentId })));
  }
  return chain;
}

/**
 * How long a signer's participant record read for a provenance check is reused: the same
 * suppliers and cores sign lineage after lineage, and this read was the one evaluate left
 * between GetApprovalContext and the endorsement (issue 18: ≈ 300 ms at 10 in flight). A change
 * to the registry (a new certificate, a suspension) reaches provenance checks within this time.
 */
export const PARTICIPANT_CACHE_MS = 5_000;

/** Per ledger client (one per identity), so that one identity's reads never answer another's. */
const participantReads = new WeakMap<Ledger, Map<string, { readonly at: number; readonly read: Promise<Participant | undefined> }>>();

function participantOrNone(ledger: Ledger, participantId: string): Promise<Participant | undefined> {
  let reads = participantReads.get(ledger);
  if (reads === undefined) {
    reads = new Map();
    participantReads.set(ledger, reads);
  }
  const now = Date.now();
  const cached = reads.get(participantId);
  if (cached !== undefined && now - cached.at < PARTICIPANT_CACHE_MS) {
    return cached.read;
  }
  const read = readParticipantOrNone(ledger, participantId);
  const entries = reads;
  entries.set(participantId, { at: now, read });
  read.catch(() => entries.delete(participantId));
  return read;
}

async function readParticipantOrNone(ledger: Ledger, participantId: string): Promise<Participant | undefined> {
  try {
    return await evaluateJson<Participant>(ledger, call(tx.participant.GetParticipant, { participantId }));
  } catch (error) {
    if (isRefusal(error, ErrorCode.NOT_FOUND)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Why the financed receivable's provenance is not verified, one line per failed hop; none when
 * it is. Reads the lineage (GetReceivable up the parent chain, GetReceivableHistory of each),
 * then checks it (lineageFaults). A ledger read failure throws (typed).
 */
export async function receivableProvenanceFaults(ledger: Ledger, reader: ProvenanceReader, financed: Receivable): Promise<string[]> {
  const lineage = await lineageOf(ledger, financed);
  if (typeof lineage === 'string') {
    return [lineage];
  }
  const trails: ReceivableTrail[] = await Promise.all(
    lineage.map(async (receivable) => {
      const newestFirst = await evaluateJson<ReceivableVersion[]>(
        ledger,
        call(tx.receivable.GetReceivableHistory, { receivableId: receivable.id }),
      );
      return { receivable, versions: [...newestFirst].reverse() };
    }),
  );
  return lineageFaults(ledger, reader, trails);
}

/**
 * The same, for a lineage already read (GetApprovalContext's: root first, each history newest
 * first): a chain whose root still has a parent was cut short by the chaincode (a loop, or deeper
 * than 64) and is a fault.
 */
export function approvalLineageFaults(ledger: Ledger, reader: ProvenanceReader, lineage: ApprovalContext['lineage']): Promise<string[]> {
  const root = lineage[0]?.receivable;
  const financed = lineage[lineage.length - 1]?.receivable;
  if (root === undefined || financed === undefined) {
    return Promise.resolve(['the approval context came without the financed receivable']);
  }
  if (root.parentId !== undefined) {
    return Promise.resolve([`receivable ${financed.id}'s parent chain loops or is deeper than ${MAX_LINEAGE.toString()}`]);
  }
  const trails: ReceivableTrail[] = lineage.map(({ receivable, history }) => ({
    receivable,
    versions: [...history].reverse(),
  }));
  return lineageFaults(ledger, reader, trails);
}

/**
 * Checks a lineage: each claimed transaction from the blocks (one qscc call per hop), each
 * signer's participant record and the channel's MSPs, read all at once.
 */
async function lineageFaults(ledger: Ledger, reader: ProvenanceReader, trails: readonly ReceivableTrail[]): Promise<string[]> {
  const derived = provenanceClaims(trails);
  if ('failure' in derived) {
    return [derived.failure];
  }
  const txIds = [...new Set(derived.claims.map((c) => c.txId))];
  const signerIds = [...new Set(derived.claims.map((c) => c.signerId))];
  const [transactions, participants, msps] = await Promise.all([
    Promise.all(txIds.map(async (id) => [id, await reader.transaction(id)] as const)),
    Promise.all(signerIds.map(async (id) => [id, await participantOrNone(ledger, id)] as const)),
    reader.msps(),
  ]);
  return provenanceFaults(derived.claims, { transactions: new Map(transactions), participants: new Map(participants), msps });
}
