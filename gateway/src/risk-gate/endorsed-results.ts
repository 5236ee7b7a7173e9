import { type Static, type TSchema, Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { Bps, Currency, Id, Money, Quantity, Timestamp } from '../http/schemas/common';
import { Financing as FinancingSchema } from '../http/schemas/financings';
import { Pledge as PledgeSchema } from '../http/schemas/warehouse';
import { parseAmount } from '@scf/kernel/money';
import type { CreditLineTerms } from '@scf/kernel/records/credit-line';
import type { Financing } from '@scf/kernel/records/financing';
import type { Pledge } from '@scf/kernel/records/warehouse';
import { tx } from '@scf/kernel/catalogue/catalogue';

/*
 * Decoders of the results the risk gates act on after endorsement. The gate re-checks these
 * figures against the bank's policy before it submits, so a result that is not exactly the shape
 * the chaincode promises (chaincode/src/domain/financing.ts `ApprovalResult`, warehouse.ts
 * `PledgeAcceptanceResult`) is refused, never guessed at. The wrappers and the post-state objects
 * are closed (no unknown fields); the financing and pledge records are ledger records, whose
 * known fields are checked and whose newer fields pass through.
 */

const SlotAfterSchema = Type.Object(
  { index: Type.Integer({ minimum: 0 }), limit: Money, drawnAfter: Money },
  { additionalProperties: false },
);
const TrancheAfterSchema = Type.Object({ index: Type.Integer({ minimum: 0 }), drawnAfter: Money }, { additionalProperties: false });
const ExposureAfterSchema = Type.Object(
  {
    lineId: Id,
    tranches: Type.Array(TrancheAfterSchema, { minItems: 1 }),
    coreId: Id,
    currency: Currency,
    consortiumCap: Money,
    shards: Type.Array(SlotAfterSchema, { minItems: 1 }),
  },
  { additionalProperties: false },
);
const ApprovalResultSchema = Type.Object(
  { financing: FinancingSchema, exposureAfter: ExposureAfterSchema },
  { additionalProperties: false },
);

const PledgeValuationSchema = Type.Object(
  {
    receiptId: Id,
    quantity: Quantity,
    currency: Currency,
    pricePerUnit: Money,
    priceSetAt: Timestamp,
    value: Money,
    haircutBps: Bps,
    maxLoan: Money,
    loanAmount: Money,
  },
  { additionalProperties: false },
);
const PledgeAcceptanceSchema = Type.Object({ pledge: PledgeSchema, valuation: PledgeValuationSchema }, { additionalProperties: false });

/** The endorsed result could not be read as the promised shape; the message says where. */
export class EndorsedResultError extends Error {
  override readonly name = 'EndorsedResultError';
}

/** A tranche or cap shard the endorsed ApproveFinancing drew on, as it would leave it. */
export interface EndorsedSlot {
  readonly index: number;
  readonly limit: bigint;
  readonly drawnAfter: bigint;
}

/**
 * What the endorsed ApproveFinancing would leave on the keys it touched: the line limit and
 * consortium cap it read, and the tranches and cap shards it drew on (not the totals: it reads
 * no other slot, so that approvals on one line do not serialise).
 */
export interface EndorsedExposure {
  readonly lineId: string;
  readonly lineLimit: bigint;
  readonly tranches: readonly EndorsedSlot[];
  readonly coreId: string;
  readonly currency: string;
  readonly consortiumCap: bigint;
  readonly shards: readonly EndorsedSlot[];
}

export interface EndorsedApproval {
  readonly financing: Financing;
  readonly exposureAfter: EndorsedExposure;
}

/** The valuation the endorsed AcceptPledge was decided on. */
export interface EndorsedValuation {
  readonly receiptId: string;
  readonly quantity: bigint;
  readonly currency: string;
  readonly pricePerUnit: bigint;
  /** Seconds since the epoch. */
  readonly priceSetAt: number;
  readonly value: bigint;
  readonly haircutBps: bigint;
  readonly maxLoan: bigint;
  readonly loanAmount: bigint;
}

export interface EndorsedPledgeAcceptance {
  readonly pledge: Pledge;
  readonly valuation: EndorsedValuation;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Each schema compiled once (the gate decodes one result per approval): the same check as Value.Check, without walking the schema per call. */
const compiled = new Map<TSchema, { Check(value: unknown): boolean }>();

function checks<T extends TSchema>(schema: T, value: unknown): value is Static<T> {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  return validator.Check(value);
}

function decode<T extends TSchema>(schema: T, bytes: Uint8Array, what: string): Static<T> {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new EndorsedResultError(`the endorsed ${what} result is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!checks(schema, value)) {
    const first = Value.Errors(schema, value)[0];
    throw new EndorsedResultError(
      `the endorsed ${what} result does not have the expected shape${first === undefined ? '' : `: ${first.instancePath || '/'} ${first.message}`}`,
    );
  }
  return value;
}

function timestampSeconds(text: string, field: string): number {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    throw new EndorsedResultError(`${field} is not a timestamp: ${text}`);
  }
  return Math.floor(ms / 1000);
}

function slotsAfter(
  slots: readonly { readonly index: number; readonly limit: string; readonly drawnAfter: string }[],
  field: string,
): EndorsedSlot[] {
  return slots.map((slot, i) => ({
    index: slot.index,
    limit: parseAmount(slot.limit, `exposureAfter.${field}[${String(i)}].limit`),
    drawnAfter: parseAmount(slot.drawnAfter, `exposureAfter.${field}[${String(i)}].drawnAfter`),
  }));
}

/**
 * The endorsed approval with the line's limits filled in from `terms`, the line's private terms the
 * gate passed to the approval itself (the chaincode leaves them out of its result, which lands in the block).
 */
export function decodeApprovalResult(bytes: Uint8Array, terms: Pick<CreditLineTerms, 'limit' | 'trancheLimits'>): EndorsedApproval {
  const { financing, exposureAfter: e } = decode(ApprovalResultSchema, bytes, tx.financing.ApproveFinancing.name);
  const tranches = e.tranches.map((t) => ({ ...t, limit: terms.trancheLimits[t.index] ?? '0' }));
  return {
    financing,
    exposureAfter: {
      lineId: e.lineId,
      lineLimit: parseAmount(terms.limit, 'lineTerms.limit'),
      tranches: slotsAfter(tranches, 'tranches'),
      coreId: e.coreId,
      currency: e.currency,
      consortiumCap: parseAmount(e.consortiumCap, 'exposureAfter.consortiumCap'),
      shards: slotsAfter(e.shards, 'shards'),
    },
  };
}

/** The financing an endorsed (or committed) approval leaves, for an answer: no figure is re-checked. */
export function approvedFinancingOf(bytes: Uint8Array): Financing {
  return decode(ApprovalResultSchema, bytes, tx.financing.ApproveFinancing.name).financing;
}

export function decodePledgeAcceptance(bytes: Uint8Array): EndorsedPledgeAcceptance {
  const { pledge, valuation: v } = decode(PledgeAcceptanceSchema, bytes, tx.warehouse.AcceptPledge.name);
  return {
    pledge,
    valuation: {
      receiptId: v.receiptId,
      quantity: parseAmount(v.quantity, 'valuation.quantity'),
      currency: v.currency,
      pricePerUnit: parseAmount(v.pricePerUnit, 'valuation.pricePerUnit'),
      priceSetAt: timestampSeconds(v.priceSetAt, 'valuation.priceSetAt'),
      value: parseAmount(v.value, 'valuation.value'),
      haircutBps: parseAmount(v.haircutBps, 'valuation.haircutBps'),
      maxLoan: parseAmount(v.maxLoan, 'valuation.maxLoan'),
      loanAmount: parseAmount(v.loanAmount, 'valuation.loanAmount'),
    },
  };
}
