import { KeyType, parseCompositeKey } from '@scf/kernel/keys';
import type { DecodedBlock, DecodedTransaction, KvWrite } from './decode-block';
import * as rows from './entity-rows';
import type { BlockProjection, RowWrite, TransactionProjection } from './row-write';
import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
import type { DilutionRequest } from '@scf/kernel/records/dilution';
import type { Financing } from '@scf/kernel/records/financing';
import type { Participant } from '@scf/kernel/records/participant';
import type { Payment } from '@scf/kernel/records/payment';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { CommodityPrice, Pledge, WarehouseReceipt } from '@scf/kernel/records/warehouse';
import { answersSealed } from '@scf/kernel/catalogue/sealed-answers';

const TX_VALID = 0;

/** Required string fields per ledger object type: a value without them is not projected. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  [KeyType.participant]: ['id', 'mspId', 'clientId', 'role', 'status'],
  [KeyType.creditLine]: ['id', 'bankMsp', 'coreId', 'currency', 'termsHash', 'status'],
  [KeyType.cap]: ['coreId', 'currency', 'cap'],
  [KeyType.receivable]: ['id', 'rootId', 'holderId', 'debtorId', 'face', 'outstanding', 'status'],
  [KeyType.dilution]: ['id', 'receivableId', 'amount'],
  [KeyType.dilutionRequest]: ['id', 'receivableId', 'amount', 'holderId', 'debtorId', 'status', 'expiresAt', 'requestedAt', 'updatedAt'],
  [KeyType.financing]: ['id', 'receivableId', 'bankMsp', 'borrowerId', 'amount', 'status', 'requestedAt'],
  [KeyType.payment]: ['id', 'receivableId', 'amount', 'status'],
  [KeyType.receipt]: ['id', 'ownerId', 'status'],
  [KeyType.pledge]: ['id', 'receiptId', 'bankMsp', 'loanAmount', 'status'],
  [KeyType.price]: ['commodity', 'grade', 'unit', 'pricePerUnit'],
};

interface ParsedWrite {
  readonly objectType: string;
  readonly record: Record<string, unknown>;
  readonly text: string;
}

/** A write of the chaincode the projection cannot read: the whole transaction is skipped with this message. */
class UnreadableWrite extends Error {}

function parseWrite(write: KvWrite): ParsedWrite | undefined {
  const key = parseCompositeKey(write.key);
  const required = key && REQUIRED[key.objectType];
  if (!key || !required || write.isDelete) {
    return undefined;
  }
  const where = `${key.objectType} value at key ${JSON.stringify(write.key)}`;
  let record: unknown;
  try {
    record = JSON.parse(write.value);
  } catch {
    throw new UnreadableWrite(`unreadable ${where}: not JSON`);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new UnreadableWrite(`unreadable ${where}: not a JSON object`);
  }
  const fields = record as Record<string, unknown>;
  const missing = required.filter((field) => typeof fields[field] !== 'string');
  if (missing.length > 0) {
    throw new UnreadableWrite(`unreadable ${where}: ${missing.join(', ')} must be text`);
  }
  return { objectType: key.objectType, record: fields, text: write.value };
}

/** A column value the database can store as it is: text, a finite number, null, or absent (stored as null). */
function checkColumns(row: RowWrite): RowWrite {
  for (const [column, value] of Object.entries(row.values) as [string, unknown][]) {
    const storable =
      value === null || value === undefined || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (!storable) {
      throw new UnreadableWrite(
        `${row.table}.${column} would be ${Array.isArray(value) ? 'an array' : typeof value}, not text or a number`,
      );
    }
  }
  return row;
}

/** Records were shape-checked against REQUIRED by parseWrite; the casts name what the chaincode stored. */
function rowsOfWrite(write: ParsedWrite, at: rows.TxPosition): RowWrite[] {
  const { record, text } = write;
  switch (write.objectType) {
    case KeyType.participant:
      return [rows.participantRow(record as unknown as Participant, text, at)];
    case KeyType.creditLine:
      return [rows.creditLineRow(record as unknown as CreditLine, text, at)];
    case KeyType.cap:
      return [rows.capRow(record as unknown as ConsortiumCap, text, at)];
    case KeyType.receivable:
      return [rows.receivableRow(record as unknown as Receivable, text, at)];
    case KeyType.dilution:
      return [rows.dilutionRow(record as unknown as rows.DilutionRecord, text, at)];
    case KeyType.dilutionRequest:
      return [rows.dilutionRequestRow(record as unknown as DilutionRequest, text, at)];
    case KeyType.financing:
      return [rows.financingRow(record as unknown as Financing, text, at)];
    case KeyType.payment:
      return rows.paymentRows(record as unknown as Payment, text, at);
    case KeyType.receipt:
      return [rows.receiptRow(record as unknown as WarehouseReceipt, text, at)];
    case KeyType.pledge:
      return [rows.pledgeRow(record as unknown as Pledge, text, at)];
    case KeyType.price:
      return [rows.priceRow(record as unknown as CommodityPrice, text, at)];
    default:
      return [];
  }
}

/** Split children written together with their parent, given to another holder. */
function transfersOf(parsed: readonly ParsedWrite[], at: rows.TxPosition): RowWrite[] {
  const receivables = parsed.filter((w) => w.objectType === KeyType.receivable).map((w) => w.record as unknown as Receivable);
  const byId = new Map(receivables.map((r) => [r.id, r]));
  return receivables.flatMap((child) => {
    const parent = child.parentId === undefined ? undefined : byId.get(child.parentId);
    return parent && parent.holderId !== child.holderId ? [rows.transferRow(child, parent, at)] : [];
  });
}

function transactionRow(tx: DecodedTransaction, blockNumber: number): RowWrite {
  return {
    table: 'rm_transactions',
    key: ['block_number', 'tx_index'],
    values: {
      block_number: blockNumber,
      tx_index: tx.index,
      tx_id: tx.txId,
      header_type: tx.headerType,
      validation_code: tx.validationCode,
      validation_name: tx.validationName,
      tx_timestamp: tx.timestamp,
      creator_msp: tx.creatorMsp,
      creator_id: tx.creatorId,
      creator_cert_hash: tx.creatorCertHash,
      chaincode: tx.chaincode,
      fn: tx.fn,
      args: JSON.stringify(tx.args),
      event_name: tx.event?.name ?? null,
      event_payload: tx.event?.payload ?? null,
      response_status: tx.response?.status ?? null,
      // A sealed answer (private terms, submitted as a transaction) is never stored, not even sealed.
      response_payload: answersSealed(tx.fn) ? null : (tx.response?.payload ?? null),
    },
  };
}

/** The entity rows of one valid transaction's writes; throws UnreadableWrite (or the row builders' TypeError) when they cannot be read. */
function entityRowsOf(tx: DecodedTransaction, chaincode: string, at: rows.TxPosition): RowWrite[] {
  const parsed = tx.writes.filter((w) => w.namespace === chaincode).flatMap((w) => parseWrite(w) ?? []);
  return [...parsed.flatMap((w) => rowsOfWrite(w, at)), ...transfersOf(parsed, at)].map(checkColumns);
}

function projectTransaction(tx: DecodedTransaction, blockNumber: number, chaincode: string): TransactionProjection {
  const base = { txIndex: tx.index, txId: tx.txId, fn: tx.fn, record: transactionRow(tx, blockNumber) };
  if (tx.decodeError !== undefined) {
    return { ...base, rows: [], error: `the envelope could not be decoded: ${tx.decodeError}` };
  }
  if (tx.validationCode !== TX_VALID) {
    return { ...base, rows: [] };
  }
  try {
    return { ...base, rows: entityRowsOf(tx, chaincode, { blockNumber, txIndex: tx.index }) };
  } catch (error) {
    // A record of a shape this projection does not know: the transaction is skipped (and kept with its
    // error, see SqlReadModelRepository.applyBlock), the rest of the block and the next blocks project.
    const message = error instanceof UnreadableWrite ? error.message : `the projection failed: ${String(error)}`;
    return { ...base, rows: [], error: message };
  }
}

/**
 * The rows one block writes: a `rm_transactions` row for every transaction (invalid ones too,
 * with their validation code), and, for valid transactions of `chaincode`, the ledger objects
 * exactly as their public write set stored them. The write set is used rather than the event
 * or the response because it also holds the side effects a response leaves out (the
 * receivable an approval encumbers, the financing a default marks). Rows are keyed, so
 * applying a block twice gives the same state; the checkpoint makes sure it is applied once.
 * A transaction whose writes cannot be read carries its error instead of rows.
 */
export function projectBlock(block: DecodedBlock, chaincode: string): BlockProjection {
  const blockNumber = Number(block.number);
  return { blockNumber: block.number, transactions: block.transactions.map((tx) => projectTransaction(tx, blockNumber, chaincode)) };
}
