import type { FastifyReply, FastifyRequest } from 'fastify';
import { callerOf } from '../auth';
import { ApiError } from '../api-error';
import { errorResponses } from '../openapi';
import type { RouteModule } from '../route-context';
import { coresCsv, graphCsv, stressCsv } from '../../chain/chain-csv';
import { CoresBody, CoresQuery, GraphBody, GraphQuery, StressBody, StressParams, StressQuery, StressResponse } from '../schemas/chain';
import { coreMetrics } from '../../chain/core-metrics';
import { chainGraph, graphOfCore } from '../../chain/graph';
import { ChainSnapshotCache } from '../../chain/load-snapshot';
import { runCheckedStress } from '../../chain/run-stress';
import { isoDay } from '../../chain/snapshot';
import type { StressResultStore } from '../../chain/stress-store';
import type { StressResult } from '../../chain/stress/result';
import { chainViewerOf, graphFor, metricsFor, narrowTo, stressFor, type ChainViewer } from '../../chain/visibility';
import { ErrorCode } from '@scf/kernel/errors';

const viewerOf = (request: FastifyRequest, bankMsp?: string): ChainViewer => narrowTo(chainViewerOf(callerOf(request)), bankMsp);

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  return format === undefined ? (request.headers.accept ?? '').includes('text/csv') : format === 'csv';
}

function sendCsv(reply: FastifyReply, name: string, csv: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(csv);
}

const tags = ['chain'];

/**
 * GET/POST /v1/chain/…: the supply-chain graph, per-core metrics and stress tests over the read
 * model, for bank officers (their own positions, consortium aggregates) and the auditor.
 * Registered only when the gateway has a read model. `shared`: the snapshot cache the risk gate's
 * chain signals use too (one copy of the chain in memory).
 */
export function chainRoutes(results: StressResultStore, shared?: ChainSnapshotCache, now: () => Date = () => new Date()): RouteModule {
  return async (app, { stores }) => {
    const readModel = stores.readModel;
    if (!readModel) {
      return;
    }
    const snapshots = shared ?? new ChainSnapshotCache(readModel.repository);
    // Role first: a caller without access learns nothing about the parameters either.
    app.addHook('preValidation', (request, _reply, done) => {
      try {
        chainViewerOf(callerOf(request));
        done();
      } catch (error) {
        done(error as Error);
      }
    });

    app.get(
      '/v1/chain/graph',
      {
        schema: {
          tags,
          summary: 'The supply-chain graph: claims from each core down its tiers, warehouses and pledged goods, banks’ exposure per edge',
          querystring: GraphQuery,
          response: { 200: GraphBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request, request.query.bankMsp);
        const full = chainGraph(await snapshots.get());
        const graph = graphFor(viewer, request.query.coreId === undefined ? full : graphOfCore(full, request.query.coreId));
        return wantsCsv(request, request.query.format) ? sendCsv(reply, `chain-graph-${graph.height}`, graphCsv(graph)) : graph;
      },
    );

    app.get(
      '/v1/chain/cores',
      {
        schema: {
          tags,
          summary:
            'Per core enterprise: payables, share financed, bank concentration (HHI), tier depth, overdue and dilution over time, goods vs loans',
          querystring: CoresQuery,
          response: { 200: CoresBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request, request.query.bankMsp);
        const snapshot = await snapshots.get();
        const cores = metricsFor(viewer, coreMetrics(snapshot)).filter(
          (m) => request.query.coreId === undefined || m.coreId === request.query.coreId,
        );
        const height = snapshot.height.toString();
        return wantsCsv(request, request.query.format)
          ? sendCsv(reply, `chain-cores-${height}`, coresCsv(height, cores))
          : { height, asOf: isoDay(snapshot.asOfDay), cores };
      },
    );

    const answer = (
      request: FastifyRequest,
      reply: FastifyReply,
      viewer: ChainViewer,
      full: StressResult,
      reproduction: { resultSha256: string; firstRunAt: string; matchesFirstRun: boolean },
      query: { format?: string; table?: string },
    ) => {
      const result = stressFor(viewer, full);
      if (wantsCsv(request, query.format)) {
        const table = (query.table ?? 'banks') as Parameters<typeof stressCsv>[1];
        return sendCsv(reply, `chain-stress-${result.scenarioHash.slice(0, 12)}-${result.height}-${table}`, stressCsv(result, table));
      }
      return { result, reproduction };
    };

    app.post(
      '/v1/chain/stress',
      {
        config: { heavy: true },
        schema: {
          tags,
          summary:
            'Run a stress scenario at the read model’s current height; the result is stored by scenario hash and height and compared with any earlier run there',
          body: StressBody,
          querystring: StressQuery,
          response: { 200: StressResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const viewer = viewerOf(request, request.query.bankMsp);
        const full = runCheckedStress(await snapshots.get(), request.body.scenario);
        const recording = results.record(full.scenarioHash, full.height, JSON.stringify(full), now());
        return answer(
          request,
          reply,
          viewer,
          full,
          { resultSha256: recording.sha256, firstRunAt: recording.firstRunAt, matchesFirstRun: recording.matchesFirstRun },
          request.query,
        );
      },
    );

    app.get(
      '/v1/chain/stress/:scenarioHash/:height',
      {
        schema: {
          tags,
          summary: 'A stored stress result, exactly as first computed at that height',
          params: StressParams,
          querystring: StressQuery,
          response: { 200: StressResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        await Promise.resolve();
        const viewer = viewerOf(request, request.query.bankMsp);
        const stored = results.get(request.params.scenarioHash, request.params.height, now());
        if (stored === undefined) {
          throw new ApiError(
            ErrorCode.NOT_FOUND,
            `no stress result for scenario ${request.params.scenarioHash} at height ${request.params.height}`,
          );
        }
        return answer(
          request,
          reply,
          viewer,
          JSON.parse(stored.json) as StressResult,
          { resultSha256: stored.sha256, firstRunAt: stored.firstRunAt, matchesFirstRun: true },
          request.query,
        );
      },
    );
    await Promise.resolve();
  };
}
