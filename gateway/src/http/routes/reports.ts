import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth';
import { ApiError } from '../api-error';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import { buildAgingReport } from '../../reports/aging-report';
import { buildConcentrationReport } from '../../reports/concentration-report';
import type { DecisionSource } from '../../reports/decision-source';
import { buildExposureReport } from '../../reports/exposure-report';
import { agingCsv, concentrationCsv, exposureCsv, riskDecisionCsv } from '../../reports/report-csv';
import { addDays, calendarDate, daysBetween, utcDate } from '../../reports/report-dates';
import {
  AgingBody,
  AgingQuery,
  ConcentrationBody,
  ConcentrationQuery,
  ExposureBody,
  ExposureQuery,
  RiskDecisionBody,
  RiskDecisionQuery,
} from '../schemas/reports';
import { bankScopeOf, reportViewerOf, type ReportViewer } from '../../reports/report-viewer';
import { buildRiskDecisionReport } from '../../reports/risk-decision-report';
import { ErrorCode } from '@scf/kernel/errors';
import type { Ledger } from '../../ledger/ledger';
import type { ReportLineRow } from '../../readmodel/report-source';
import { getCreditLineTerms } from '../../usecases/credit-lines';

/** The longest span the risk-decision report covers in one request. */
export const MAX_DECISION_DAYS = 366;
const DEFAULT_DECISION_DAYS = 30;

const viewerOf = (request: FastifyRequest): ReportViewer => reportViewerOf(callerOf(request));

/**
 * The read model projects public write sets, which hold no line terms: a bank's report takes its
 * own lines' limit and expiry from its own peer (GetCreditLineTerms, sealed to the caller). Other
 * lines (the auditor's view) keep them null.
 */
async function withOwnLineTerms(ledger: Ledger, lines: readonly ReportLineRow[]): Promise<ReportLineRow[]> {
  return Promise.all(
    lines.map(async (line) => {
      if (line.bankMsp !== ledger.identity.mspId) {
        return line;
      }
      const terms = await getCreditLineTerms(ledger, line.id).catch(() => undefined);
      return terms === undefined ? line : { ...line, limit: terms.limit, expiresOn: terms.expiresOn };
    }),
  );
}

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  return format === undefined ? (request.headers.accept ?? '').includes('text/csv') : format === 'csv';
}

function sendCsv(reply: FastifyReply, name: string, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(csv);
}

function decisionRange(query: { readonly from?: string; readonly to?: string }, today: string): { from: string; to: string } {
  const to = query.to === undefined ? today : calendarDate(query.to, 'to');
  const from = query.from === undefined ? addDays(to, 1 - DEFAULT_DECISION_DAYS) : calendarDate(query.from, 'from');
  const span = daysBetween(from, to) + 1;
  if (span < 1 || span > MAX_DECISION_DAYS) {
    throw new ApiError(ErrorCode.INVALID_ARGUMENT, `from must be on or before to, at most ${String(MAX_DECISION_DAYS)} days apart`, {
      violations: [
        { path: '/querystring/from', message: span < 1 ? 'is after to' : `is more than ${String(MAX_DECISION_DAYS)} days before to` },
      ],
    });
  }
  return { from, to };
}

const COMMON = { tags: ['reports'] } as const;

/**
 * GET /v1/reports/…: exposure, overdue aging, risk decisions and concentration, as JSON or CSV,
 * for bank officers (their own bank's positions, consortium totals) and the auditor (everything).
 * Registered only when the gateway has a read model. `now` is the clock `asOf` defaults from.
 */
export function reportRoutes(decisions: DecisionSource, now: () => Date = () => new Date()): RouteModule {
  return async (app, { stores, ledgerOf }) => {
    const readModel = stores.readModel;
    if (!readModel) {
      return;
    }
    const repository = readModel.repository;
    // Role first: a caller without access learns nothing about the parameters either.
    app.addHook('preValidation', (request, _reply, done) => {
      try {
        viewerOf(request);
        done();
      } catch (error) {
        done(error as Error);
      }
    });
    const today = (): string => utcDate(now());

    app.get(
      '/v1/reports/exposure',
      {
        schema: {
          ...COMMON,
          summary: 'Exposure by core enterprise and by bank against credit lines and the consortium cap',
          querystring: ExposureQuery,
          response: { 200: ExposureBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const asOf = request.query.asOf === undefined ? today() : calendarDate(request.query.asOf, 'asOf');
        const [lines, caps, financings] = await Promise.all([
          repository.reportCreditLines(bankScopeOf(viewer)),
          repository.reportConsortiumCaps(),
          repository.reportOpenFinancings(),
        ]);
        const withTerms = await withOwnLineTerms(ledgerOf(request), lines);
        const report = buildExposureReport({ lines: withTerms, caps, financings }, viewer, asOf);
        return wantsCsv(request, request.query.format) ? sendCsv(reply, `exposure-${asOf}`, exposureCsv(report)) : report;
      },
    );

    app.get(
      '/v1/reports/overdue-aging',
      {
        schema: {
          ...COMMON,
          summary: 'Receivables and financings by days past due on a date',
          querystring: AgingQuery,
          response: { 200: AgingBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const asOf = request.query.asOf === undefined ? today() : calendarDate(request.query.asOf, 'asOf');
        const scope = bankScopeOf(viewer);
        const [receivables, financings] = await Promise.all([
          repository.reportOpenReceivables(scope),
          repository.reportOpenFinancings(scope),
        ]);
        const report = buildAgingReport({ receivables, financings }, viewer, asOf, request.query.currency);
        return wantsCsv(request, request.query.format) ? sendCsv(reply, `overdue-aging-${asOf}`, agingCsv(report)) : report;
      },
    );

    app.get(
      '/v1/reports/risk-decisions',
      {
        schema: {
          ...COMMON,
          summary: 'Risk gate decisions per day, bank, outcome and reason code',
          querystring: RiskDecisionQuery,
          response: { 200: RiskDecisionBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const { from, to } = decisionRange(request.query, today());
        const recorded = await decisions.decisionsBetween(bankScopeOf(viewer), `${from}T00:00:00.000Z`, `${addDays(to, 1)}T00:00:00.000Z`);
        const report = buildRiskDecisionReport(recorded, viewer, from, to);
        return wantsCsv(request, request.query.format) ? sendCsv(reply, `risk-decisions-${from}-${to}`, riskDecisionCsv(report)) : report;
      },
    );

    app.get(
      '/v1/reports/concentration',
      {
        schema: {
          ...COMMON,
          summary: "Each bank's exposure by core enterprise and by borrower, with Herfindahl indexes",
          querystring: ConcentrationQuery,
          response: { 200: ConcentrationBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request);
        const asOf = today();
        const report = buildConcentrationReport(await repository.reportOpenFinancings(bankScopeOf(viewer)), viewer, asOf);
        return wantsCsv(request, request.query.format) ? sendCsv(reply, `concentration-${asOf}`, concentrationCsv(report)) : report;
      },
    );
    await Promise.resolve();
  };
}
