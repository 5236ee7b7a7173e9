import { type Context, Contract } from 'fabric-contract-api';
import { findParticipantByIdentity } from '../ledger/participants';
import { Store } from '../ledger/store';
import { accessRulesOf, checkAccess } from './access';
import { type Caller, isAdminCertificate } from './caller';
import { ScfContext } from './scf-context';
import type { AccessRules } from '@scf/kernel/catalogue/access-rules';
import type { CatalogueContract } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode, fail, ScfError } from '@scf/kernel/errors';

/** "scf.receivable:IssueReceivable" → "IssueReceivable", as fabric-contract-api splits it. */
export function transactionName(fcn: string): string {
  const colon = fcn.indexOf(':');
  return colon < 0 ? fcn : fcn.slice(colon + 1);
}

/**
 * isAdminCertificate by the certificate's bytes: parsing the X.509 certificate was ≈ 8% of a
 * loaded chaincode server's CPU, and a network has few callers that call many times. A pure
 * function of its input, so remembering it keeps every endorser's answer the same; bounded, so
 * a stream of new certificates cannot grow the process.
 */
const adminByCertificate = new Map<string, boolean>();
const ADMIN_MEMO_LIMIT = 1024;

export function isAdminCaller(idBytes: Uint8Array): boolean {
  const key = Buffer.from(idBytes).toString('latin1');
  const known = adminByCertificate.get(key);
  if (known !== undefined) {
    return known;
  }
  const isAdmin = isAdminCertificate(idBytes);
  if (adminByCertificate.size >= ADMIN_MEMO_LIMIT) {
    adminByCertificate.clear();
  }
  adminByCertificate.set(key, isAdmin);
  return isAdmin;
}

async function resolveCaller(ctx: Context): Promise<Caller> {
  const identity = ctx.clientIdentity;
  const mspId = identity.getMSPID();
  const clientId = identity.getID();
  const participant = await findParticipantByIdentity(new Store(ctx.stub), mspId, clientId);
  return { mspId, clientId, isAdmin: isAdminCaller(identity.getIDBytes()), participant };
}

/** Errors leave as ScfError JSON; anything unexpected becomes INTERNAL without its text, which could quote input. */
function asScfError(error: unknown, ctx: Context): ScfError {
  if (error instanceof ScfError) {
    return error;
  }
  ctx.logging
    .getLogger()
    .error(`unexpected error in ${ctx.stub.getTxID()}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return new ScfError(ErrorCode.INTERNAL, 'unexpected chaincode error; see the chaincode log');
}

/**
 * Base of every SCF contract: served under its catalogue name, authorises the caller against
 * the catalogue's access rules before the transaction runs, and normalises errors after.
 */
export abstract class ScfContract extends Contract {
  readonly #accessRules: AccessRules;

  protected constructor(entry: CatalogueContract) {
    super(entry.name);
    this.#accessRules = accessRulesOf(entry);
  }

  /** The declarative access rule of every transaction of this contract (deny by default: no rule, no call). */
  accessRules(): AccessRules {
    return this.#accessRules;
  }

  override createContext(): ScfContext {
    return new ScfContext();
  }

  override async beforeTransaction(ctx: Context): Promise<void> {
    try {
      const name = transactionName(ctx.stub.getFunctionAndParameters().fcn);
      const rule = this.accessRules()[name] ?? fail(ErrorCode.FORBIDDEN, `${name} has no access rule`);
      const caller = await resolveCaller(ctx);
      checkAccess(rule, caller, name);
      if (!(ctx instanceof ScfContext)) {
        fail(ErrorCode.INTERNAL, 'unexpected context type');
      }
      ctx.authorize(caller);
    } catch (error) {
      throw asScfError(error, ctx);
    }
  }

  // fabric-contract-api passes the transaction's name here although its typings say Function.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  override async aroundTransaction(ctx: Context, fn: Function, parameters: unknown): Promise<void> {
    try {
      // super returns the transaction's result, which fabric-shim sends back; its typing says void.
      // eslint-disable-next-line @typescript-eslint/no-confusing-void-expression
      const result = await super.aroundTransaction(ctx, fn, parameters);
      // The writes the store held back go to the peer before the result does (ledger/store.ts).
      if (ctx instanceof ScfContext) {
        await ctx.flushWrites();
      }
      return result;
    } catch (error) {
      throw asScfError(error, ctx);
    }
  }

  override unknownTransaction(ctx: Context): Promise<void> {
    return Promise.reject(new ScfError(ErrorCode.NOT_FOUND, `no transaction ${ctx.stub.getFunctionAndParameters().fcn}`));
  }
}
