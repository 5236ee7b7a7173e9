/**
 * The rogue endorser's chaincode: a chaincode server that answers one org's peer under the
 * deployed package id and endorses whatever write set the proposal carries. It stands in for an
 * org running modified chaincode: its peer signs what it returns, so only the validation at commit
 * (key-level and collection policies, the chaincode-level policy) can stop what it writes.
 *
 * It runs as its own `node` process (test/support/rogue-endorser.ts transpiles this file and starts
 * it), not inside Jest: under Jest's sandbox, google-protobuf refuses the outer realm's Buffers
 * ("Error serializing response"). So this file imports nothing but fabric-shim and Node itself.
 *
 * The write set travels in the transient map under `forgery` (JSON of a `Forgery`), so it stays
 * off the blocks; the real chaincode on any other org has no such transaction.
 */
import { ChaincodeInterface, ChaincodeResponse, ChaincodeStub, KeyEndorsementPolicy, Shim } from 'fabric-shim';
import fs from 'node:fs';

/** The transaction name the rogue endorses; the real chaincode has no such transaction. */
export const FORGE = 'forge';
/** The evaluate that tells a rogue from the real server: answers `rogue:<org>`. */
export const ROGUE_PING = 'rogue-ping';

export interface ForgedPublicWrite {
  /** A full key, e.g. `compositeKey(KeyType.receivable, [id])`. */
  readonly key: string;
  /** The value, as UTF-8 text (a canonical JSON record, an index marker). */
  readonly value: string;
}

export interface ForgedPrivateWrite {
  readonly collection: string;
  readonly key: string;
  readonly value: string;
}

export interface ForgedPolicy {
  readonly key: string;
  /** The AND of these orgs' peers, as the chaincode's own key-level policies are built. */
  readonly orgs: readonly string[];
  /** A key in this private collection instead of a public key. */
  readonly collection?: string;
}

/** What a forged transaction writes; every part is optional. */
export interface Forgery {
  readonly writes?: readonly ForgedPublicWrite[];
  readonly deletes?: readonly string[];
  readonly policies?: readonly ForgedPolicy[];
  readonly privateWrites?: readonly ForgedPrivateWrite[];
}

function policyBytes(orgs: readonly string[]): Uint8Array {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', ...[...new Set(orgs)].sort());
  return policy.getPolicy();
}

/** Applies a forgery to the stub, in a fixed order so every colluding endorser returns the same write set. */
async function applyForgery(stub: ChaincodeStub, forgery: Forgery): Promise<void> {
  for (const write of forgery.writes ?? []) {
    await stub.putState(write.key, Buffer.from(write.value, 'utf8'));
  }
  for (const key of forgery.deletes ?? []) {
    await stub.deleteState(key);
  }
  for (const write of forgery.privateWrites ?? []) {
    await stub.putPrivateData(write.collection, write.key, Buffer.from(write.value, 'utf8'));
  }
  for (const policy of forgery.policies ?? []) {
    if (policy.collection === undefined) {
      await stub.setStateValidationParameter(policy.key, policyBytes(policy.orgs));
    } else {
      await stub.setPrivateDataValidationParameter(policy.collection, policy.key, policyBytes(policy.orgs));
    }
  }
}

/** The low-level chaincode the rogue runs (fabric-shim's ChaincodeInterface, no contract-api). */
function rogueChaincode(orgName: string): ChaincodeInterface {
  return {
    Init: () => Promise.resolve(Shim.success()),
    Invoke: async (stub: ChaincodeStub): Promise<ChaincodeResponse> => {
      const { fcn } = stub.getFunctionAndParameters();
      if (fcn === ROGUE_PING) {
        return Shim.success(Buffer.from(`rogue:${orgName}`));
      }
      if (fcn !== FORGE) {
        return Shim.error(`rogue endorser of ${orgName}: no transaction ${fcn}`);
      }
      const raw = stub.getTransient().get('forgery');
      if (raw === undefined) {
        return Shim.error('rogue endorser: no forgery in the transient map');
      }
      try {
        await applyForgery(stub, JSON.parse(Buffer.from(raw).toString('utf8')) as Forgery);
      } catch (error) {
        return Shim.error(`rogue endorser: ${error instanceof Error ? error.message : String(error)}`);
      }
      // The same payload from every endorser, or the gateway refuses the mismatching responses.
      return Shim.success(Buffer.from('forged'));
    },
  };
}

/** What the process reads from its environment: which org, package id, address and TLS files. */
export interface RogueServerEnv {
  readonly ROGUE_ORG: string;
  readonly ROGUE_CCID: string;
  readonly ROGUE_ADDRESS: string;
  readonly ROGUE_TLS_CERT: string;
  readonly ROGUE_TLS_KEY: string;
  readonly ROGUE_TLS_CLIENT_CA: string;
}

/** Starts the server; mutual TLS with the org's TLS CA as the client CA, as the real chaincode server. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const need = (name: keyof RogueServerEnv): string => env[name] ?? fail(`${name} is not set`);
  const org = need('ROGUE_ORG');
  const server = Shim.server(rogueChaincode(org), {
    ccid: need('ROGUE_CCID'),
    address: need('ROGUE_ADDRESS'),
    tlsProps: {
      cert: fs.readFileSync(need('ROGUE_TLS_CERT')),
      key: fs.readFileSync(need('ROGUE_TLS_KEY')),
      clientCACerts: fs.readFileSync(need('ROGUE_TLS_CLIENT_CA')),
    },
  });
  await server.start();
  process.stdout.write(`rogue endorser of ${org} listening on ${need('ROGUE_ADDRESS')}\n`);
}

function fail(message: string): never {
  throw new Error(message);
}
