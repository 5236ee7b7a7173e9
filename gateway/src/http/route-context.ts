import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { CredentialStore } from '../auth/credentials';
import type { GatewayConfig } from '../config';
import type { Ledger, LedgerDirectory } from '../ledger/ledger';
import type { ReadModelHandle } from '../readmodel/handle';
import type { IdempotencyStore } from '../store/idempotency-store';
import type { LineTermsKeeper } from '../store/line-terms-keeper';

export interface GatewayStores {
  readonly idempotency: IdempotencyStore;
  /** A bank's line terms between the two transactions of a grant (usecases/credit-lines.ts). */
  readonly lineTerms: LineTermsKeeper;
  /** The ledger's read model (search routes, risk features); absent, its routes are not registered. */
  readonly readModel?: ReadModelHandle;
}

/** What every route module is given (as its plugin options). */
export interface RouteContext {
  readonly config: GatewayConfig;
  readonly credentials: CredentialStore;
  readonly ledgers: LedgerDirectory;
  readonly stores: GatewayStores;
  /** The ledger as the authenticated caller: the only way a route reaches Fabric for a caller. */
  readonly ledgerOf: (request: FastifyRequest) => Ledger;
}

/** A route module: a Fastify plugin with the TypeBox type provider, registered by buildApp. */
export type RouteModule = FastifyPluginAsyncTypebox<RouteContext>;
