import { describeNetwork } from '@scf/network';
import { buildApp } from './http/app';
import { auditRoutes } from './http/routes/audit';
import { blockRoutes } from './http/routes/blocks';
import { CredentialStore } from './auth/credentials';
import { createDemoCredentials } from './auth/demo-credentials';
import { ConfigError, loadConfig } from './config';
import { FabricBlockSource } from './ledger/block-source';
import { DEFAULT_LEDGER_TIMEOUTS } from './ledger/ledger-client';
import { LedgerClients } from './ledger/ledger-clients';
import { QsccBlockReaders } from './ledger/qscc-reader';
import { dashboardRoutes } from './http/routes/dashboard';
import { eventRoutes } from './http/routes/events';
import { createLogger } from './ops/logger';
import { startReadModel } from './readmodel/start-read-model';
import { chainRoutes } from './http/routes/chain';
import { StressResultStore } from './chain/stress-store';
import { ChainSnapshotCache } from './chain/load-snapshot';
import { chainFiguresSource } from './chain/signals';
import { decisionSourceOf } from './reports/decision-source';
import { reportRoutes } from './http/routes/reports';
import { loadPolicy } from './risk/policy';
import { RiskDecisionStore } from './risk-gate/decision-store';
import { FinancingGate } from './risk-gate/financing-gate';
import { keyFileDecisionSigners } from './ledger/decision-signers';
import { QsccProvenanceReaders } from './risk-gate/provenance';
import { financingApprovalRoutes, pledgeAcceptanceRoutes } from './http/routes/risk';
import { PledgeGate } from './risk-gate/pledge-gate';
import { ledgerRouteModules } from './http/routes/ledger-routes';
import { openSqlite } from './store/sqlite';
import { IdempotencyStore } from './store/idempotency-store';

/**
 * `node gateway/dist/src/server.js`: the gateway on 127.0.0.1 until SIGTERM or SIGINT. The one
 * composition root: it opens every Fabric connection (the callers' ledger clients, the qscc block
 * readers, the read model's block stream), the stores and the risk gate, and hands them to the
 * route modules; no route module opens a connection of its own.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const network = describeNetwork();

  const { newKeys } = createDemoCredentials(network, { credentialsFile: config.credentialsFile, demoKeysFile: config.demoKeysFile });
  if (newKeys.length > 0) {
    logger.info({ file: config.demoKeysFile, credentials: newKeys.map((k) => k.name) }, 'demo API keys created');
  }
  const credentials = CredentialStore.load(config.credentialsFile, network);
  const firstCaller = credentials.all().find((caller) => !caller.internal);
  if (!firstCaller) {
    throw new Error(`${config.credentialsFile} has no caller credential`);
  }
  const ledgers = new LedgerClients({
    network,
    defaultIdentity: firstCaller.identity,
    timeouts: { ...DEFAULT_LEDGER_TIMEOUTS, ...config.failover },
    onBlockStreamError: (org, error) => {
      logger.warn({ org, err: error }, 'block event stream of the org peer failed; reconnecting');
    },
  });
  const idempotency = IdempotencyStore.open(config.sqlitePath, { ttlMs: config.expiry.idempotencyMs });
  // The read model reads blocks as the auditor (any channel member could): its own gRPC stream.
  const blockReader = credentials.all().find((caller) => caller.role === 'auditor') ?? firstCaller;
  const readModel = await startReadModel(config.readModel, new FabricBlockSource(network, blockReader.identity), network.chaincode, logger);
  // qscc block readers (audit trails, the block explorer, chain verification): one per caller identity, opened on first use.
  const blockReaders = new QsccBlockReaders(network);

  const decisionsDb = openSqlite(config.sqlitePath);
  const decisions = new RiskDecisionStore(decisionsDb);
  const chainSnapshots = new ChainSnapshotCache(readModel.handle.repository);
  const gateDeps = {
    ledgers,
    features: readModel.handle.repository,
    decisions,
    policyFor: (bankMsp: string) => loadPolicy(config.riskPolicyDir, bankMsp),
    nowSeconds: () => Math.floor(Date.now() / 1000),
    chainFigures: chainFiguresSource(chainSnapshots),
  };
  // The financing gate checks the collateral's provenance in the blocks its bank's own peer committed.
  const signers = keyFileDecisionSigners();
  const gate = new FinancingGate({ ...gateDeps, credentials, signers, provenance: new QsccProvenanceReaders(blockReaders) });
  const pledgeGate = new PledgeGate({ ...gateDeps, credentials, signers });
  const routes = [
    ...ledgerRouteModules,
    auditRoutes(blockReaders, network.chaincode),
    financingApprovalRoutes(gate, decisions, pledgeGate),
    pledgeAcceptanceRoutes(pledgeGate),
    blockRoutes(blockReaders),
    eventRoutes,
    dashboardRoutes,
    reportRoutes(decisionSourceOf(decisions)),
    chainRoutes(new StressResultStore(decisionsDb, { ttlMs: config.expiry.stressResultMs }), chainSnapshots),
  ];
  const app = await buildApp({ config, credentials, ledgers, stores: { idempotency, readModel: readModel.handle }, logger, routes });
  await app.listen({ host: config.host, port: config.port });

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app
      .close()
      .then(() => readModel.stop())
      .then(() => {
        blockReaders.close();
        ledgers.close();
        idempotency.close();
        decisionsDb.close();
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
