import { Type, type TObject, type TProperties, type TSchema } from 'typebox';
import { BEARER_SCHEME, errorResponses, HEADER_SCHEME } from '../openapi';
import { AMOUNT_PATTERN } from '@scf/kernel/money';
import { CURRENCY, FREE_TEXT_PATTERN, ID, MSP_ID } from '@scf/kernel/text';
import { CALENDAR_DATE_PATTERN } from '@scf/kernel/dates';
import { describeAccess } from '@scf/kernel/catalogue/access-rules';
import { fcn, type AnyTransaction } from '@scf/kernel/catalogue/catalogue';

/*
 * Formats of the chaincode's arguments (kernel/src/text.ts, money.ts, dates.ts), checked
 * here so that a malformed request is a 400 before it costs an endorsement, and stated in
 * /openapi.json: every rule a schema can state (positive amounts, calendar dates, bps ceilings)
 * is in the request schemas, so a schema-valid request is refused only for the ledger's state or
 * a rule between fields. The chaincode checks everything again.
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
  pattern: `^${CALENDAR_DATE_PATTERN}$`,
  description: 'Calendar date YYYY-MM-DD (UTC), 1970-01-01 to 9999-12-31',
});
/** An amount the chaincode requires above zero (parsePositiveAmount). */
export const PositiveMoney = Type.String({
  pattern: '^[1-9][0-9]{0,29}$',
  description: 'Integer minor units above zero, as a decimal string (never a JSON number)',
});
export const PositiveQuantity = Type.String({ pattern: '^[1-9][0-9]{0,29}$', description: 'Whole units above zero, as a decimal string' });
/** Basis points 0 … 10000 (100%), as parseBps checks them by default. */
export const BpsUpTo100Percent = Type.String({
  pattern: '^(0|[1-9][0-9]{0,3}|10000)$',
  description: 'Basis points 0 to 10000, as a decimal string',
});
export const Timestamp = Type.String({ description: 'Transaction time, YYYY-MM-DDTHH:MM:SSZ' });

/** Free text the chaincode checks with parseText: printable, no surrounding spaces (kernel FREE_TEXT_PATTERN), 1..maxLength characters. */
export function Text(maxLength: number, description?: string) {
  return Type.String({
    minLength: 1,
    maxLength,
    pattern: FREE_TEXT_PATTERN,
    description: `${description === undefined ? '' : `${description}. `}1-${String(maxLength)} printable characters, no leading or trailing space`,
  });
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
