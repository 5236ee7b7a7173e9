import type { NetworkDescription } from '@scf/network';
import fs from 'node:fs';
import path from 'node:path';
import { generateApiKey, hashApiKey, readCredentialsFile, type CallerRole, type CredentialRecord, type CredentialsFile } from './credentials';

interface DemoCredential {
  readonly name: string;
  readonly org: string;
  readonly user: string;
  readonly displayName: string;
  readonly role: CallerRole;
  readonly internal: boolean;
}

/** The demo consortium's callers, one per participant identity, plus every org's admin. */
const DEMO_PARTICIPANT_CREDENTIALS: readonly DemoCredential[] = [
  { name: 'bank-a-officer', org: 'BankA', user: 'User1', displayName: 'Bank A credit officer', role: 'bank', internal: false },
  { name: 'bank-a-risk-gateway', org: 'BankA', user: 'User2', displayName: 'Bank A risk gateway', role: 'risk-gateway', internal: true },
  { name: 'bank-b-officer', org: 'BankB', user: 'User1', displayName: 'Bank B credit officer', role: 'bank', internal: false },
  { name: 'bank-b-risk-gateway', org: 'BankB', user: 'User2', displayName: 'Bank B risk gateway', role: 'risk-gateway', internal: true },
  { name: 'core', org: 'Core', user: 'User1', displayName: 'Core enterprise', role: 'core-enterprise', internal: false },
  { name: 'supplier-1', org: 'Suppliers', user: 'User1', displayName: 'Tier-1 supplier', role: 'supplier', internal: false },
  { name: 'supplier-2', org: 'Suppliers', user: 'User2', displayName: 'Tier-2 supplier', role: 'supplier', internal: false },
  { name: 'supplier-3', org: 'Suppliers', user: 'User3', displayName: 'Tier-3 supplier', role: 'supplier', internal: false },
  { name: 'warehouse', org: 'Warehouse', user: 'User1', displayName: 'Warehouse operator', role: 'warehouse', internal: false },
  { name: 'auditor', org: 'Auditor', user: 'User1', displayName: 'Auditor', role: 'auditor', internal: false },
  { name: 'price-oracle', org: 'Auditor', user: 'User2', displayName: 'Commodity price oracle', role: 'price-oracle', internal: false },
];

/** "BankA" → "bank-a-admin", "Suppliers" → "suppliers-admin". */
export function adminCredentialName(org: string): string {
  return `${org.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-admin`;
}

export function demoCredentialsFor(network: NetworkDescription): readonly DemoCredential[] {
  const admins = network.orgs.map(
    (org): DemoCredential => ({ name: adminCredentialName(org.name), org: org.name, user: 'Admin', displayName: `${org.name} administrator`, role: 'org-admin', internal: false }),
  );
  return [...DEMO_PARTICIPANT_CREDENTIALS, ...admins];
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
export function createDemoCredentials(network: NetworkDescription, files: DemoCredentialFiles): CreatedDemoCredentials {
  const existing: CredentialsFile = fs.existsSync(files.credentialsFile) ? readCredentialsFile(files.credentialsFile) : { version: 1, credentials: [] };
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
