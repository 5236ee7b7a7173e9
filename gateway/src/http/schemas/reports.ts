import { Type } from 'typebox';
import { Currency, IsoDate } from './common';
import { AGING_BUCKETS } from '../../reports/aging-report';

const Amount = Type.String({
  pattern: '^-?(0|[1-9][0-9]*)$',
  description: 'Integer minor units as a decimal string (headroom may be negative)',
});
const Fraction4 = Type.String({ pattern: '^[0-9]+\\.[0-9]{4}$', description: 'A fraction with 4 decimals, e.g. "0.2500"' });
const Format = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('csv')], {
    description: 'csv (or Accept: text/csv) answers CSV with a header row; default JSON',
  }),
);
const AsOf = Type.Optional({ ...IsoDate, description: 'Report date YYYY-MM-DD (UTC); default today on the server clock' });

export const ExposureQuery = Type.Object({ asOf: AsOf, format: Format }, { additionalProperties: false });
export const AgingQuery = Type.Object(
  { asOf: AsOf, currency: Type.Optional({ ...Currency, description: 'only this currency' }), format: Format },
  { additionalProperties: false },
);
export const RiskDecisionQuery = Type.Object(
  {
    from: Type.Optional({ ...IsoDate, description: 'first day (UTC), default 29 days before `to`' }),
    to: Type.Optional({ ...IsoDate, description: 'last day (UTC, inclusive), default today' }),
    format: Format,
  },
  { additionalProperties: false },
);
export const ConcentrationQuery = Type.Object({ format: Format }, { additionalProperties: false });

/** null where the viewer does not hold the lines' private terms (the auditor). */
const NullableAmount = Type.Union([Amount, Type.Null()]);
const LineExposure = Type.Object({
  lineId: Type.String(),
  status: Type.String(),
  expiresOn: Type.Union([Type.String(), Type.Null()], {
    description: "null for the auditor: a line's terms are private to its bank and core enterprise",
  }),
  lineLimit: Type.Union([Amount, Type.Null()], { description: 'null for the auditor, who counts no line limit' }),
  limit: NullableAmount,
  exposure: Amount,
  headroom: NullableAmount,
});
const BankExposure = Type.Object({
  bankMsp: Type.String(),
  lineIds: Type.Array(Type.String()),
  limit: NullableAmount,
  exposure: Amount,
  headroom: NullableAmount,
  lines: Type.Array(LineExposure),
});
export const ExposureBody = Type.Object({
  asOf: Type.String(),
  byCore: Type.Array(
    Type.Object({
      coreId: Type.String(),
      currency: Type.String(),
      consortiumCap: Type.Union([Amount, Type.Null()]),
      exposure: Amount,
      headroom: Type.Union([Amount, Type.Null()]),
      banks: Type.Array(BankExposure),
    }),
  ),
  byBank: Type.Array(
    Type.Object({ bankMsp: Type.String(), currency: Type.String(), limit: NullableAmount, exposure: Amount, headroom: NullableAmount }),
  ),
});

const AgingBucket = Type.Object({
  bucket: Type.Enum(AGING_BUCKETS),
  receivableCount: Type.Integer(),
  receivableOutstanding: Amount,
  financingCount: Type.Integer(),
  financingOutstanding: Amount,
});
export const AgingBody = Type.Object({
  asOf: Type.String(),
  scope: Type.String({ description: '"consortium" for the auditor, else the bank MSP whose book is covered' }),
  buckets: Type.Array(AgingBucket),
  byCurrency: Type.Array(Type.Object({ currency: Type.String(), buckets: Type.Array(AgingBucket) })),
});

export const RiskDecisionBody = Type.Object({
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(
    Type.Object({ day: Type.String(), bankMsp: Type.String(), outcome: Type.String(), reasonCode: Type.String(), count: Type.Integer() }),
  ),
  totals: Type.Array(Type.Object({ day: Type.String(), bankMsp: Type.String(), outcome: Type.String(), count: Type.Integer() })),
});

export const ConcentrationBody = Type.Object({
  asOf: Type.String(),
  banks: Type.Array(
    Type.Object({
      bankMsp: Type.String(),
      currency: Type.String(),
      exposure: Amount,
      hhi: Fraction4,
      hhiByCore: Fraction4,
      byCore: Type.Array(Type.Object({ coreId: Type.String(), exposure: Amount, share: Fraction4 })),
      byBorrower: Type.Array(Type.Object({ borrowerId: Type.String(), exposure: Amount, share: Fraction4 })),
    }),
  ),
});
