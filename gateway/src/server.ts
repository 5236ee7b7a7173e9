import { buildApp } from './http/app';
import { auditRoutes } from './http/routes/audit';
import { blockRoutes } from './http/routes/blocks';
import { CredentialStore } from './auth/credentials';
import { createDemoCredentials } from './auth/demo-credentials';
import { ConfigError, loadConfig, type GatewayConfig } from './config';
import { FabricBlockSource } from './ledger/block-source';
import { DEFAULT_LEDGER_TIMEOUTS } from './ledger/ledger-client';
import { LedgerClients } from './ledger/ledger-clients';
import { loadOrgNetwork, type OrgGatewayNetwork } from './ledger/org-network';
import { QsccBlockReaders } from './ledger/qscc-reader';
import { dashboardRoutes } from './http/routes/dashboard';
import { eventRoutes } from './http/routes/events';
import { createLogger } from './ops/logger';
import { startReadModel } from './readmodel/start-read-model';
import { chainRoutes } from './http/routes/chain';
import { StressResultStore } from './chain/stress-store';
import { ChainSnapshotCache } from './chain/load-snapshot';
import { chainFiguresSource } from './chain/signals';
import { FeaturesAtHeight } from './readmodel/features-at-height';
import { decisionSourceOf } from './reports/decision-source';
import { reportRoutes } from './http/routes/reports';
import { cachedPolicies } from './risk/policy';
import { RiskDecisionStore } from './risk-gate/decision-store';
import { FinancingGate } from './risk-gate/financing-gate';
import { keyFileDecisionSigners } from './ledger/decision-signers';
import { QsccProvenanceReaders } from './risk-gate/provenance';
import { financingApprovalRoutes, pledgeAcceptanceRoutes } from './http/routes/risk';
import { PledgeGate } from './risk-gate/pledge-gate';
import { adminRouteModules } from './http/routes/admin-routes';
import { identityAdminRoutes } from './http/routes/admin-identities';
import { ledgerRouteModules } from './http/routes/ledger-routes';
import type { RouteModule } from './http/route-context';
import { openSqlite } from './store/sqlite';
import { IdempotencyStore } from './store/idempotency-store';
import { LineTermsKeeper } from './store/line-terms-keeper';
import { adminOnboardingRoutes } from './http/routes/admin-onboarding';
import { invitationRoutes } from './http/routes/invitations';
import { orgCaAuthority } from './onboarding/ca-authority';

/**
 * `GATEWAY_ORG=<org> node gateway/dist/src/server.js`: one organisation's gateway until SIGTERM or
 * SIGINT. The one composition root. It reads only its org's connection config (the org folder's
 * gateway.json, kernel/src/gateway-connection.ts), so it holds only that org's keys, authenticates
 * only that org's people and signs only as them. It opens every Fabric connection (the callers'
 * ledger clients, the qscc block readers, the read model's block stream, all through its own
 * org's peer), the stores and, in a bank's gateway only, the risk gate; and it listens twice on the
 * org's own address: the public API, and the admin listener (org admin keys and routes only).
 */
function openOrgNetwork(config: GatewayConfig): OrgGatewayNetwork {
  if (config.org === undefined || config.connectionFile === undefined) {
    throw new ConfigError(['GATEWAY_ORG is required: the org this gateway acts for (e.g. BankA); each org runs its own gateway']);
  }
  const network = loadOrgNetwork(config.connectionFile);
  if (network.org.name !== config.org) {
    throw new ConfigError([`${config.connectionFile} is ${network.org.name}'s connection config, not ${config.org}'s`]);
  }
  return network;
}

/** Where the two listeners bind: the org's own address and ports from its connection config, unless overridden. */
function listenAddresses(config: GatewayConfig, network: OrgGatewayNetwork): { host: string; port: number; adminPort: number } {
  return {
    host: config.host ?? network.listen.host,
    port: config.port ?? network.listen.port,
    adminPort: config.adminPort ?? network.listen.adminPort,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const network = openOrgNetwork(config);
  const logger = createLogger(config.logLevel).child({ org: network.org.name });

  const { newKeys } = createDemoCredentials(network, { credentialsFile: config.credentialsFile, demoKeysFile: config.demoKeysFile });
  if (newKeys.length > 0) {
    logger.info({ file: config.demoKeysFile, credentials: newKeys.map((k) => k.name) }, 'demo API keys created');
  }
  // Org admin keys are valid on the admin listener only; every other key on the public API only.
  const credentials = CredentialStore.load(config.credentialsFile, network, (record) => record.role !== 'org-admin');
  const adminCredentials = CredentialStore.load(config.credentialsFile, network, (record) => record.role === 'org-admin');
  const allCredentials = CredentialStore.load(config.credentialsFile, network);
  const firstCaller = credentials.all().find((caller) => !caller.internal);
  const ledgers = new LedgerClients({
    network,
    defaultIdentity: firstCaller?.identity ?? network.org.admin,
    timeouts: { ...DEFAULT_LEDGER_TIMEOUTS, ...config.failover },
    onBlockStreamError: (org, error) => {
      logger.warn({ org, err: error }, 'block event stream of the org peer failed; reconnecting');
    },
  });
  const idempotency = IdempotencyStore.open(config.sqlitePath, { ttlMs: config.expiry.idempotencyMs });
  // The read model follows the org's own peer as one of the org's own identities: it sees what the org may see.
  const blockReader = firstCaller?.identity ?? network.org.admin;
  const readModel = await startReadModel(config.readModel, new FabricBlockSource(network, blockReader), network.chaincode, logger);
  // qscc block readers (audit trails, the block explorer, chain verification): one per caller identity, opened on first use.
  const blockReaders = new QsccBlockReaders(network);

  const decisionsDb = openSqlite(config.sqlitePath);
  const decisions = new RiskDecisionStore(decisionsDb);
  const chainSnapshots = new ChainSnapshotCache(readModel.handle.repository);
  const riskRoutes = (): RouteModule[] => {
    const gateDeps = {
      ledgers,
      // One reading per read-model height and arguments (a block's approvals share the bank's book).
      features: new FeaturesAtHeight(readModel.handle.repository, () => readModel.handle.repository.nextBlock()),
      decisions,
      policyFor: cachedPolicies(config.riskPolicyDir),
      nowSeconds: () => Math.floor(Date.now() / 1000),
      chainFigures: chainFiguresSource(chainSnapshots),
    };
    // The financing gate checks the collateral's provenance in the blocks its bank's own peer committed.
    const signers = keyFileDecisionSigners();
    const gate = new FinancingGate({ ...gateDeps, credentials, signers, provenance: new QsccProvenanceReaders(blockReaders) });
    const pledgeGate = new PledgeGate({ ...gateDeps, credentials, signers });
    return [financingApprovalRoutes(gate, decisions, pledgeGate), pledgeAcceptanceRoutes(pledgeGate)];
  };
  const routes = [
    ...ledgerRouteModules,
    auditRoutes(blockReaders, network.chaincode),
    // The risk gate, the banks' policies and the review queue run in a bank's gateway only.
    ...(network.riskGate ? riskRoutes() : []),
    blockRoutes(blockReaders),
    eventRoutes,
    // The dashboard of this org's roles only: those of its people's keys.
    dashboardRoutes({
      name: network.org.name,
      roles: () =>
        new Set(
          credentials
            .all()
            .filter((c) => !c.internal)
            .map((c) => c.role),
        ),
    }),
    reportRoutes(decisionSourceOf(decisions)),
    chainRoutes(new StressResultStore(decisionsDb, { ttlMs: config.expiry.stressResultMs }), chainSnapshots),
    // Invitations are issued on the public API (a core enterprise or a supplier); the ledger holds them.
    invitationRoutes(Math.round(config.expiry.invitationMs / 1000)),
  ];
  // Onboarding and offboarding through the org's own CA (from its gateway.json), on the admin listener only.
  const authority = orgCaAuthority(network);
  const onboardingRoutes = authority ? [adminOnboardingRoutes(authority)] : [];
  const stores = { idempotency, lineTerms: new LineTermsKeeper(decisionsDb), readModel: readModel.handle };
  const app = await buildApp({ config, credentials, ledgers, stores, logger, routes });
  const adminApp = await buildApp({
    config,
    credentials: adminCredentials,
    ledgers,
    stores,
    logger,
    routes: [...adminRouteModules, identityAdminRoutes(allCredentials), ...onboardingRoutes],
  });
  const { host, port, adminPort } = listenAddresses(config, network);
  await app.listen({ host, port });
  await adminApp.listen({ host, port: adminPort });
  logger.info({ public: app.server.address(), admin: adminApp.server.address(), riskGate: network.riskGate }, 'gateway listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    Promise.all([app.close(), adminApp.close()])
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
