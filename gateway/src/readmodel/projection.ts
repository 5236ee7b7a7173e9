import { KeyType, parseCompositeKey } from '@scf/kernel/keys';
import type { DecodedBlock, DecodedTransaction, KvWrite } from './decode-block';
import * as rows from './entity-rows';
import type { BlockProjection, RowWrite } from './row-write';
import type { ConsortiumCap, CreditLine } from '@scf/kernel/records/credit-line';
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
  [KeyType.creditLine]: ['id', 'bankMsp', 'coreId', 'currency', 'limit', 'status'],
  [KeyType.cap]: ['coreId', 'currency', 'cap'],
  [KeyType.receivable]: ['id', 'rootId', 'holderId', 'debtorId', 'face', 'outstanding', 'status'],
  [KeyType.dilution]: ['id', 'receivableId', 'amount'],
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

function parseWrite(write: KvWrite, warnings: string[]): ParsedWrite | undefined {
  const key = parseCompositeKey(write.key);
  const required = key && REQUIRED[key.objectType];
  if (!key || !required || write.isDelete) {
    return undefined;
  }
  try {
    const record = JSON.parse(write.value) as unknown;
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) {
      const fields = record as Record<string, unknown>;
      if (required.every((field) => typeof fields[field] === 'string')) {
        return { objectType: key.objectType, record: fields, text: write.value };
      }
    }
  } catch {
    // reported below
  }
  warnings.push(`unreadable ${key.objectType} value at key ${JSON.stringify(write.key)}`);
  return undefined;
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

/**
 * The rows one block writes: a `rm_transactions` row for every transaction (invalid ones too,
 * with their validation code), and, for valid transactions of `chaincode`, the ledger objects
 * exactly as their public write set stored them. The write set is used rather than the event
 * or the response because it also holds the side effects a response leaves out (the
 * receivable an approval encumbers, the financing a default marks). Rows are keyed, so
 * applying a block twice gives the same state; the checkpoint makes sure it is applied once.
 */
export function projectBlock(block: DecodedBlock, chaincode: string): BlockProjection {
  const warnings: string[] = [];
  const blockNumber = Number(block.number);
  const out: RowWrite[] = [];
  for (const tx of block.transactions) {
    out.push(transactionRow(tx, blockNumber));
    if (tx.validationCode !== TX_VALID) {
      continue;
    }
    const at = { blockNumber, txIndex: tx.index };
    const parsed = tx.writes.filter((w) => w.namespace === chaincode).flatMap((w) => parseWrite(w, warnings) ?? []);
    out.push(...parsed.flatMap((w) => rowsOfWrite(w, at)), ...transfersOf(parsed, at));
  }
  return { blockNumber: block.number, rows: out, warnings };
}
