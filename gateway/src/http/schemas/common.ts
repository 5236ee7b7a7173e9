import { Type, type TObject, type TProperties, type TSchema } from 'typebox';
import { BEARER_SCHEME, errorResponses, HEADER_SCHEME } from '../openapi';
import { AMOUNT_PATTERN } from '@scf/kernel/money';
import { CURRENCY, ID, MSP_ID } from '@scf/kernel/text';
import { describeAccess } from '@scf/kernel/catalogue/access-rules';
import { fcn, type AnyTransaction } from '@scf/kernel/catalogue/catalogue';

/*
 * Formats of the chaincode's arguments (kernel/src/text.ts, money.ts, dates.ts), checked
 * here so that a malformed request is a 400 before it costs an endorsement. The chaincode checks
 * everything again; business rules (positive amounts, calendar dates, bps ceilings) stay there.
 */
export const Id = Type.String({
  pattern: ID.source,
  description: 'Ledger id: 1-64 characters of [A-Za-z0-9_.-], starting with a letter or digit',
});
export const MspId = Type.String({ pattern: MSP_ID.source, description: 'An organisation MSP id, e.g. BankAMSP' });
export const Currency = Type.String({ pattern: CURRENCY.source, description: 'ISO 4217 code, e.g. USD' });
/** A canonical non-negative integer of at most 30 digits: no sign, leading zero, dot or exponent. */
const DECIMAL_DIGITS = AMOUNT_PATTERN.source;
export const Money = Type.String({ pattern: DECIMAL_DIGITS, description: 'Integer minor units as a decimal string (never a JSON number)' });
export const Bps = Type.String({ pattern: DECIMAL_DIGITS, description: 'Basis points as a decimal string (10000 = 100%)' });
export const Quantity = Type.String({ pattern: DECIMAL_DIGITS, description: 'Whole units as a decimal string' });
export const IsoDate = Type.String({
  pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$',
  description: 'Calendar date YYYY-MM-DD (UTC)',
});
export const Timestamp = Type.String({ description: 'Transaction time, YYYY-MM-DDTHH:MM:SSZ' });

export function Text(maxLength: number, description?: string) {
  return Type.String({ minLength: 1, maxLength, ...(description === undefined ? {} : { description }) });
}

/** A ledger record: the known fields are listed; fields a newer chaincode adds pass through. */
export function LedgerRecord<P extends TProperties>(properties: P, description: string): TObject<P> {
  return Type.Object(properties, { additionalProperties: true, description });
}

/** Every list the chaincode returns is a JSON array; immutable so the chaincode's readonly types fit. */
export function ListOf<T extends TSchema>(item: T) {
  return Type.Immutable(Type.Array(item));
}

/** `Get…History`: GetHistoryForKey entries, newest first. */
export function HistoryOf<T extends TSchema>(value: T) {
  return ListOf(
    Type.Object(
      {
        txId: Type.String(),
        timestamp: Timestamp,
        isDelete: Type.Boolean(),
        value: Type.Optional(value),
      },
      { additionalProperties: true },
    ),
  );
}

/** A submit's answer: the chaincode's result with the transaction that committed it. */
export function Committed<P extends TProperties>(result: TObject<P>) {
  return Type.Object(
    {
      ...result.properties,
      transactionId: Type.String({ description: 'Fabric transaction id of the committed transaction' }),
      blockNumber: Type.Optional(
        Type.String({ pattern: '^[0-9]+$', description: 'Block the transaction committed in, when the peer reported it' }),
      ),
    },
    { additionalProperties: true },
  );
}

/** Documents the optional Idempotency-Key of mutating routes (the idempotency plugin applies it to all of them). */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      pattern: '^[\\x20-\\x7E]{1,128}$',
      description:
        'Makes a retry safe: the same key with the same request replays the stored response (Idempotent-Replay: true) instead of submitting again',
    }),
  ),
});

const SECURITY: readonly Readonly<Record<string, readonly string[]>>[] = [{ [BEARER_SCHEME]: [] }, { [HEADER_SCHEME]: [] }];

interface RouteDoc {
  readonly tag: string;
  readonly summary: string;
  /** What the route adds to its ledger transactions' rules: which party of that role, states, side effects. */
  readonly description?: string;
  /** The ledger transactions the route calls: the description names each with its access rule, from the catalogue. */
  readonly ledger?: readonly AnyTransaction[];
}

/**
 * A route's OpenAPI description: its own note, then each ledger transaction it calls with who may
 * call it, both from the contract catalogue, so "who may call what" is written once.
 */
export function ledgerDescription(note: string | undefined, ledger: readonly AnyTransaction[] = []): string | undefined {
  const calls = ledger.map((transaction) => `${fcn(transaction)} (${describeAccess(transaction.access)})`);
  const parts = [...(note === undefined ? [] : [note]), ...(calls.length === 0 ? [] : [`Ledger: ${calls.join('; ')}.`])];
  return parts.length === 0 ? undefined : parts.join(' ');
}

interface SchemaParts {
  readonly params?: TSchema;
  readonly querystring?: TSchema;
  readonly body?: TSchema;
  readonly response: Readonly<Record<number, TSchema>>;
}

const optionalDescription = (description: string | undefined): { description?: string } =>
  description === undefined ? {} : { description };

function documented<const S extends SchemaParts>(doc: RouteDoc, parts: S) {
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...optionalDescription(ledgerDescription(doc.description, doc.ledger)),
    security: SECURITY,
    ...parts,
    response: { ...parts.response, ...errorResponses },
  };
}

/** Schema of a read (evaluate) route. */
export function readSchema<const S extends SchemaParts>(doc: RouteDoc, parts: S) {
  return documented(doc, parts);
}

/** Schema of a mutating route: also documents Idempotency-Key. */
export function writeSchema<const S extends SchemaParts>(doc: RouteDoc, parts: S) {
  return { ...documented(doc, parts), headers: IdempotencyHeaders };
}
