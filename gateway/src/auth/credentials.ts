import { orgByName, userOf, type IdentityFiles, type NetworkDescription } from '../ledger/org-network';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { ROLES } from '@scf/kernel/roles';

export const CALLER_ROLES = [...ROLES, 'org-admin'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

const SHA256_HEX = '^[0-9a-f]{64}$';

export const CredentialRecord = Type.Object(
  {
    /** Stable label of the credential, e.g. "bank-a"; scopes idempotency keys. */
    name: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }),
    /** Lower-case hex SHA-256 of the API key; null for internal identities, which have no key. */
    keyHash: Type.Union([Type.String({ pattern: SHA256_HEX }), Type.Null()]),
    org: Type.String({ minLength: 1 }),
    /** cryptogen's user name: "Admin", "User1", ... */
    user: Type.String({ pattern: '^(Admin|User[0-9]+)$' }),
    displayName: Type.String({ minLength: 1, maxLength: 128 }),
    role: Type.Enum(CALLER_ROLES),
    /** The gateway's own signing identities (risk gateways): never accepted from a caller. */
    internal: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CredentialRecord = Static<typeof CredentialRecord>;

export const CredentialsFile = Type.Object(
  { version: Type.Literal(1), credentials: Type.Array(CredentialRecord) },
  { additionalProperties: false },
);
export type CredentialsFile = Static<typeof CredentialsFile>;

/** Who is calling: one credential, bound to exactly one Fabric identity. */
export interface Caller {
  readonly credential: string;
  readonly org: string;
  readonly mspId: string;
  readonly user: string;
  readonly displayName: string;
  readonly role: CallerRole;
  readonly internal: boolean;
  readonly identity: IdentityFiles;
}

export function generateApiKey(): string {
  return `scf_${crypto.randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(apiKey: string): string {
  return crypto.createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

export function parseCredentialsFile(value: unknown, source: string): CredentialsFile {
  if (!Value.Check(CredentialsFile, value)) {
    const first = Value.Errors(CredentialsFile, value)[0];
    throw new Error(`${source} is not a valid credentials file${first ? ` (${first.instancePath || '/'}: ${first.message})` : ''}`);
  }
  const names = new Set<string>();
  for (const record of value.credentials) {
    if (names.has(record.name)) {
      throw new Error(`${source} names credential ${record.name} twice`);
    }
    names.add(record.name);
    if (record.internal !== (record.keyHash === null)) {
      throw new Error(`${source}: credential ${record.name} must have a key hash exactly when it is not internal`);
    }
  }
  return value;
}

export function readCredentialsFile(file: string): CredentialsFile {
  return parseCredentialsFile(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
}

function toCaller(record: CredentialRecord, network: NetworkDescription): Caller {
  const org = orgByName(network, record.org);
  return {
    credential: record.name,
    org: org.name,
    mspId: org.mspId,
    user: record.user,
    displayName: record.displayName,
    role: record.role,
    internal: record.internal,
    identity: userOf(org, record.user),
  };
}

interface KeyedCaller {
  readonly keyHash: Buffer;
  readonly caller: Caller;
}

/** The credentials file, resolved against the network's identities. */
export class CredentialStore {
  readonly #keyed: readonly KeyedCaller[];
  readonly #byName: ReadonlyMap<string, Caller>;

  /**
   * A per-org gateway's network has its own org only: a record of any other org is refused here
   * (orgByName throws), so the gateway can neither authenticate nor sign for another org.
   * `only` keeps the records a listener accepts (the admin listener: org admins; the public API: the rest).
   */
  constructor(file: CredentialsFile, network: NetworkDescription, only: (record: CredentialRecord) => boolean = () => true) {
    const resolved = file.credentials.filter(only).map((record) => ({ record, caller: toCaller(record, network) }));
    this.#byName = new Map(resolved.map(({ caller }) => [caller.credential, caller]));
    this.#keyed = resolved.flatMap(({ record, caller }) =>
      record.keyHash === null ? [] : [{ keyHash: Buffer.from(record.keyHash, 'hex'), caller }],
    );
  }

  static load(file: string, network: NetworkDescription, only?: (record: CredentialRecord) => boolean): CredentialStore {
    return new CredentialStore(readCredentialsFile(file), network, only);
  }

  /**
   * The caller whose key this is, or undefined. Every stored hash is compared in constant time
   * and the loop never exits early, so timing says nothing about which hash came close.
   */
  authenticate(presentedKey: string): Caller | undefined {
    const presented = crypto.createHash('sha256').update(presentedKey, 'utf8').digest();
    let match: Caller | undefined;
    for (const { keyHash, caller } of this.#keyed) {
      if (crypto.timingSafeEqual(keyHash, presented) && match === undefined) {
        match = caller;
      }
    }
    return match;
  }

  /** A credential by name, e.g. the internal "bank-a-risk" the risk gate signs with. */
  byName(name: string): Caller | undefined {
    return this.#byName.get(name);
  }

  all(): readonly Caller[] {
    return [...this.#byName.values()];
  }
}
