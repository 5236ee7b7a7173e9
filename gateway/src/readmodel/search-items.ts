import type { SqlRow } from './sql-executor';

const str = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function parsedOrNull(value: unknown): unknown {
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** An entity row as the API shows it: the ledger's record, plus where it was last written. */
export function entityItem(row: SqlRow): Record<string, unknown> {
  const record = parsedOrNull(row.record);
  return {
    ...(typeof record === 'object' && record !== null ? record : {}),
    _ledger: { blockNumber: str(row.block_number), txIndex: Number(row.tx_index) },
  };
}

/** A transaction row: what the audit needs to check it against the ledger. */
export function transactionItem(row: SqlRow): Record<string, unknown> {
  return {
    blockNumber: str(row.block_number),
    txIndex: Number(row.tx_index),
    txId: row.tx_id,
    validationCode: Number(row.validation_code),
    validationName: row.validation_name,
    timestamp: row.tx_timestamp,
    creatorMsp: row.creator_msp,
    creatorId: row.creator_id,
    chaincode: row.chaincode,
    fn: row.fn,
    args: parsedOrNull(row.args),
    event: row.event_name === null ? null : { name: row.event_name, payload: parsedOrNull(row.event_payload) },
    response: row.response_status === null ? null : { status: Number(row.response_status), payload: parsedOrNull(row.response_payload) },
  };
}
