import { type DecodedTransaction, isEndorserTransaction } from '../readmodel/decode-block';
import type { Breach, TxRef, WorldState } from './world-state';
import { accessRefusal, describeAccess } from '@scf/kernel/catalogue/access-rules';
import { type AnyTransaction, fcn } from '@scf/kernel/catalogue/catalogue';
import { mayHaveWritten, mayWritePrivate, transactionOfFcn } from '@scf/kernel/catalogue/write-rights';
import { compositeKey, KeyType, parseCompositeKey } from '@scf/kernel/keys';
import type { Participant } from '@scf/kernel/records/participant';

/** Who signed a transaction, as the chaincode would have resolved it against the registry as of that block. */
interface Creator {
  readonly mspId: string;
  readonly clientId: string;
  readonly isAdmin: boolean;
  readonly participant?: Participant;
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * identity key [mspId, clientId] → the participant record it holds (or, written before the copy,
 * the participant's id → its record), as the chaincode's findParticipantByIdentity.
 */
function creatorOf(tx: DecodedTransaction, state: WorldState): Creator {
  const mapped = parseJson(state.value(compositeKey(KeyType.identity, [tx.creatorMsp, tx.creatorId])));
  const record = typeof mapped === 'string' ? parseJson(state.value(compositeKey(KeyType.participant, [mapped]))) : mapped;
  return {
    mspId: tx.creatorMsp,
    clientId: tx.creatorId,
    isAdmin: tx.creatorIsAdmin,
    participant: record !== null && typeof record === 'object' ? (record as Participant) : undefined,
  };
}

function describeCreator(creator: Creator): string {
  const who = creator.participant
    ? `participant ${creator.participant.id} (${creator.participant.role}, ${creator.participant.status})`
    : 'no registered participant';
  return `${creator.mspId} ${creator.clientId || '<unreadable certificate>'}${creator.isAdmin ? ' [org admin]' : ''}, ${who}`;
}

/** How a private collection appears among the written classes: its keys are hashed in the block, so the collection stands for them. */
const PRIVATE_CLASS = 'private collection ';

/**
 * The key classes a transaction wrote in the chaincode's namespace (puts, deletes, key-level
 * policies), each with its keys, and each private collection it wrote in (as `private collection
 * <name>`, with the number of hashed writes).
 */
function writtenClasses(chaincode: string, tx: DecodedTransaction): Map<string, string[]> {
  const classes = new Map<string, string[]>();
  for (const { namespace, key } of [...tx.writes, ...tx.metadataWrites]) {
    if (namespace === chaincode) {
      const objectType = parseCompositeKey(key)?.objectType ?? '<simple key>';
      classes.set(objectType, [...(classes.get(objectType) ?? []), key]);
    }
  }
  for (const { namespace, collection, count } of tx.privateWrites) {
    if (namespace === chaincode) {
      classes.set(`${PRIVATE_CLASS}${collection}`, [`${String(count)} hashed write(s)`]);
    }
  }
  return classes;
}

/** Whether `fn` may write the written class (a key class, or a private collection). */
function mayWriteClass(fn: string, writtenClass: string): boolean {
  return writtenClass.startsWith(PRIVATE_CLASS)
    ? mayWritePrivate(fn, writtenClass.slice(PRIVATE_CLASS.length))
    : mayHaveWritten(fn, writtenClass);
}

const printable = (key: string): string => JSON.stringify(key.replaceAll('\u0000', '/'));

function breachOf(invariant: string, at: TxRef, message: string): Breach {
  return { invariant, message: `block ${at.blockNumber} tx ${at.txId}: ${message}`, transactions: [at] };
}

/** (a) Every key class written is one the function may write, per the kernel's write-rights table. */
function classBreaches(transaction: AnyTransaction, classes: Map<string, string[]>, creator: Creator, at: TxRef): Breach[] {
  const name = fcn(transaction);
  return [...classes]
    .filter(([objectType]) => !mayWriteClass(name, objectType))
    .map(([objectType, keys]) =>
      breachOf(
        'write-rights',
        at,
        `${name} wrote ${objectType} (${keys.map(printable).join(', ')}), which it never writes; creator ${describeCreator(creator)}`,
      ),
    );
}

/** (b) The creator satisfied the function's catalogue access rule, against the participants as of this block. */
function creatorBreach(transaction: AnyTransaction, classes: Map<string, string[]>, creator: Creator, at: TxRef): Breach[] {
  const refusal = accessRefusal(transaction.access, creator, transaction.name);
  if (!refusal) {
    return [];
  }
  return [
    breachOf(
      'creator-rights',
      at,
      `${fcn(transaction)} (${describeAccess(transaction.access)}) wrote ${[...classes.keys()].join(', ')} for creator ${describeCreator(creator)}, which the chaincode refuses: ${refusal.code} ${refusal.message}`,
    ),
  ];
}

/**
 * Who did what, for one valid transaction, judged before its writes are applied to `state`:
 * every write in the chaincode's namespace must come from a catalogue function that may write
 * that key class, invoked by a creator its access rule admits. A chaincode that is not ours
 * (two colluding endorsers serving a modified one) can commit any write; this is where it shows.
 * Config transactions, and transactions of other chaincodes (_lifecycle, qscc…) that write
 * nothing in ours, are skipped.
 */
export function checkWriteRights(chaincode: string, tx: DecodedTransaction, at: TxRef, state: WorldState): Breach[] {
  if (!isEndorserTransaction(tx)) {
    return [];
  }
  const classes = writtenClasses(chaincode, tx);
  if (classes.size === 0) {
    return [];
  }
  const creator = creatorOf(tx, state);
  if (tx.chaincode !== chaincode) {
    return [
      breachOf(
        'write-rights',
        at,
        `chaincode ${JSON.stringify(tx.chaincode)} (${JSON.stringify(tx.fn)}) wrote ${[...classes.keys()].join(', ')} in ${chaincode}'s namespace; creator ${describeCreator(creator)}`,
      ),
    ];
  }
  const transaction = transactionOfFcn(tx.fn);
  if (!transaction) {
    return [
      breachOf(
        'write-rights',
        at,
        `${JSON.stringify(tx.fn)} is no transaction of the catalogue, yet wrote ${[...classes.keys()].join(', ')}; creator ${describeCreator(creator)}`,
      ),
    ];
  }
  return [...classBreaches(transaction, classes, creator, at), ...creatorBreach(transaction, classes, creator, at)];
}
