import { Type, type TSchema } from 'typebox';
import { Id, IsoDate, Money, MspId } from './common';
import { STRESS_TABLES } from '../../chain/chain-csv';

const Ratio = Type.String({
  pattern: '^-?[0-9]+\\.[0-9]{4}$',
  description: 'A ratio with 4 decimals, computed with integers, e.g. "0.2500"',
});
const Height = Type.String({ pattern: '^[0-9]+$', description: 'Read-model height: blocks 0 … height-1 are in it' });
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'sha256, hex' });
const Format = Type.Optional(
  Type.Union([Type.Literal('json'), Type.Literal('csv')], {
    description: 'csv: the same data as CSV with a header row (also Accept: text/csv)',
  }),
);
const strict = <T extends Record<string, TSchema>>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const GraphQuery = strict({ coreId: Type.Optional(Id), bankMsp: Type.Optional(MspId), format: Format });
export const CoresQuery = GraphQuery;

const Node = strict({ id: Type.String(), role: Type.String(), name: Type.String(), tier: Type.Union([Type.Integer(), Type.Null()]) });
const BankExposure = strict({ bankMsp: Type.String(), exposure: Money });
const Edge = strict({
  kind: Type.Union([Type.Literal('receivable'), Type.Literal('goods')]),
  coreId: Type.Union([Type.String(), Type.Null()]),
  from: Type.String(),
  to: Type.String(),
  currency: Type.String(),
  amount: Money,
  count: Type.Integer(),
  banks: Type.Array(BankExposure),
});
export const GraphBody = strict({ height: Height, asOf: IsoDate, nodes: Type.Array(Node), edges: Type.Array(Edge) });

const Monthly = strict({
  month: Type.String(),
  issuedFace: Money,
  diluted: Money,
  dilutionRate: Ratio,
  overdue: Money,
  overdueRate: Ratio,
});
const Core = strict({
  coreId: Type.String(),
  name: Type.String(),
  currency: Type.String(),
  confirmedPayablesOutstanding: Money,
  financedOutstanding: Money,
  shareFinanced: Ratio,
  hhi: Ratio,
  bankCount: Type.Integer(),
  banks: Type.Array(strict({ bankMsp: Type.String(), exposure: Money, share: Ratio })),
  tierDepth: Type.Integer(),
  supplierCount: Type.Integer(),
  overdueOutstanding: Money,
  overdueRate: Ratio,
  dilutionRate: Ratio,
  goods: strict({ pledgedValue: Money, loans: Money, coverage: Ratio }),
  monthly: Type.Array(Monthly),
});
export const CoresBody = strict({ height: Height, asOf: IsoDate, cores: Type.Array(Core) });

const Shock = (description: string) => Type.Integer({ minimum: 0, maximum: 10_000, description });
export const Scenario = Type.Union([
  strict({
    kind: Type.Literal('core-default'),
    coreId: Id,
    recoveryBps: Shock('Share of what the core owes that is recovered in the end (bps)'),
  }),
  strict({
    kind: Type.Literal('core-late'),
    coreId: Id,
    days: Type.Integer({ minimum: 0, maximum: 3660, description: 'Days the core pays nothing' }),
  }),
  strict({ kind: Type.Literal('price-fall'), commodity: Type.String({ minLength: 1, maxLength: 64 }), fallBps: Shock('Price fall (bps)') }),
  strict({
    kind: Type.Literal('supplier-failure'),
    supplierId: Id,
    dilutionBps: Shock('Dilution of the supplier’s confirmed receivables (bps)'),
  }),
]);
export const StressBody = strict({ scenario: Scenario });
export const StressQuery = strict({
  bankMsp: Type.Optional(MspId),
  format: Format,
  table: Type.Optional(
    Type.Union(
      STRESS_TABLES.map((t) => Type.Literal(t)),
      { description: 'Which table the CSV holds (default banks)' },
    ),
  ),
});
export const StressParams = strict({ scenarioHash: Hash, height: Height });

const Result = strict({
  scenario: Scenario,
  scenarioHash: Hash,
  height: Height,
  asOf: IsoDate,
  totals: Type.Array(strict({ currency: Type.String(), exposure: Money, loss: Money, overdueOutstanding: Money, liquidityGap: Money })),
  banks: Type.Array(
    strict({
      bankMsp: Type.String(),
      currency: Type.String(),
      exposure: Money,
      collateralAfter: Money,
      overdueExposure: Money,
      loss: Money,
    }),
  ),
  receivables: strict({
    overdueCount: Type.Integer(),
    lostCount: Type.Integer(),
    dilutedCount: Type.Integer(),
    listed: Type.Array(
      strict({
        id: Type.String(),
        effect: Type.Union([Type.Literal('overdue'), Type.Literal('lost'), Type.Literal('diluted')]),
        debtorId: Type.String(),
        holderId: Type.String(),
        currency: Type.String(),
        outstanding: Money,
        outstandingAfter: Money,
        dueDate: IsoDate,
        bankMsp: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    truncated: Type.Boolean(),
  }),
  marginCalls: Type.Array(
    strict({
      pledgeId: Type.String(),
      bankMsp: Type.String(),
      ownerId: Type.String(),
      commodity: Type.String(),
      currency: Type.String(),
      loan: Money,
      valueBefore: Money,
      valueAfter: Money,
      requiredValue: Money,
    }),
  ),
  liquidityGap: strict({
    byTier: Type.Array(strict({ tier: Type.Integer(), currency: Type.String(), suppliers: Type.Integer(), gap: Money })),
    suppliers: Type.Array(
      strict({
        supplierId: Type.String(),
        tier: Type.Integer(),
        currency: Type.String(),
        financeableBefore: Money,
        financeableAfter: Money,
        gap: Money,
      }),
    ),
  }),
});
const Reproduction = strict({
  resultSha256: Hash,
  firstRunAt: Type.String({ description: 'When this scenario first ran at this height' }),
  matchesFirstRun: Type.Boolean({ description: 'This run’s full result is byte-identical to the first run’s' }),
});
export const StressResponse = strict({ result: Result, reproduction: Reproduction });
