import type { NetworkDescription } from '../ledger/org-network';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PARTICIPANTS } from '../demo/demo-participants';
import {
  generateApiKey,
  hashApiKey,
  readCredentialsFile,
  type CallerRole,
  type CredentialRecord,
  type CredentialsFile,
} from './credentials';

interface DemoCredential {
  readonly name: string;
  readonly org: string;
  readonly user: string;
  readonly displayName: string;
  readonly role: CallerRole;
  readonly internal: boolean;
}

/**
 * One credential per demo participant (named after its participant id; the banks' risk-gateway
 * identities are internal: the gateway signs approvals with them, no caller gets their key).
 */
const DEMO_PARTICIPANT_CREDENTIALS: readonly DemoCredential[] = DEMO_PARTICIPANTS.map((p) => ({
  name: p.participantId,
  org: p.org,
  user: p.user,
  displayName: p.name,
  role: p.role,
  internal: p.role === 'risk-gateway',
}));

/** "BankA" → "bank-a-admin", "Suppliers" → "suppliers-admin". */
export function adminCredentialName(org: string): string {
  return `${org.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-admin`;
}

/** The demo credentials of the network's orgs: for a per-org gateway, that org's people and admin only. */
export function demoCredentialsFor(network: Pick<NetworkDescription, 'orgs'>): readonly DemoCredential[] {
  const orgs = new Set(network.orgs.map((org) => org.name));
  const admins = network.orgs.map((org): DemoCredential => ({
    name: adminCredentialName(org.name),
    org: org.name,
    user: 'Admin',
    displayName: `${org.name} administrator`,
    role: 'org-admin',
    internal: false,
  }));
  return [...DEMO_PARTICIPANT_CREDENTIALS.filter((demo) => orgs.has(demo.org)), ...admins];
}

export interface DemoKey {
  readonly name: string;
  readonly org: string;
  readonly user: string;
  readonly role: CallerRole;
  readonly displayName: string;
  readonly apiKey: string;
}

export interface DemoKeysFile {
  readonly note: string;
  readonly keys: readonly DemoKey[];
}

export interface DemoCredentialFiles {
  /** Hashes only: what the gateway authenticates against. */
  readonly credentialsFile: string;
  /** The plaintext demo keys, written once for `npm start` to print; mode 0600. */
  readonly demoKeysFile: string;
}

export interface CreatedDemoCredentials {
  /** Keys created by this call, in plaintext; empty when every demo credential already existed. */
  readonly newKeys: readonly DemoKey[];
}

const PRIVATE_FILE_MODE = 0o600;

function writePrivateJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(temporary, file);
  fs.chmodSync(file, PRIVATE_FILE_MODE);
}

function readDemoKeys(file: string): readonly DemoKey[] {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DemoKeysFile).keys : [];
}

/**
 * Ensures a credential exists for every demo caller. Existing credentials (and their keys) are
 * kept; missing ones get a fresh random key, returned here and appended to the demo keys file.
 */
export function createDemoCredentials(network: Pick<NetworkDescription, 'orgs'>, files: DemoCredentialFiles): CreatedDemoCredentials {
  const existing: CredentialsFile = fs.existsSync(files.credentialsFile)
    ? readCredentialsFile(files.credentialsFile)
    : { version: 1, credentials: [] };
  const known = new Set(existing.credentials.map((record) => record.name));
  const missing = demoCredentialsFor(network).filter((demo) => !known.has(demo.name));
  if (missing.length === 0) {
    return { newKeys: [] };
  }
  const newKeys: DemoKey[] = [];
  const added = missing.map((demo): CredentialRecord => {
    if (demo.internal) {
      return { ...demo, keyHash: null };
    }
    const apiKey = generateApiKey();
    newKeys.push({ name: demo.name, org: demo.org, user: demo.user, role: demo.role, displayName: demo.displayName, apiKey });
    return { ...demo, keyHash: hashApiKey(apiKey) };
  });
  writePrivateJson(files.credentialsFile, { version: 1, credentials: [...existing.credentials, ...added] } satisfies CredentialsFile);
  const keysFile: DemoKeysFile = {
    note: 'Demo API keys in plaintext, for local use only. Send one as "Authorization: Bearer <apiKey>".',
    keys: [...readDemoKeys(files.demoKeysFile), ...newKeys],
  };
  writePrivateJson(files.demoKeysFile, keysFile);
  return { newKeys };
}
