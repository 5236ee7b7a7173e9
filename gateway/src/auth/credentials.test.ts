/** Unit tests: credential files, API-key hashing and the demo credential generator (temp dirs, fake network). */
import fs from 'node:fs';
import path from 'node:path';
import { fakeNetwork, TEST_CREDENTIALS, TEST_KEYS } from '../testing/fakes';
import { temporaryDir } from '../testing/test-app';
import { CredentialStore, hashApiKey, parseCredentialsFile, readCredentialsFile } from './credentials';
import { adminCredentialName, createDemoCredentials, type DemoKeysFile } from './demo-credentials';

describe('CredentialStore', () => {
  const store = new CredentialStore(TEST_CREDENTIALS, fakeNetwork());

  it('resolves a key to its one caller and Fabric identity', () => {
    const caller = store.authenticate(TEST_KEYS.supplier1);
    expect(caller).toMatchObject({ credential: 'supplier-1', org: 'Suppliers', mspId: 'SuppliersMSP', user: 'User1', role: 'supplier' });
    expect(caller?.identity.user).toBe('User1');
    expect(caller?.identity.mspId).toBe('SuppliersMSP');
    expect(store.authenticate(TEST_KEYS.bankOfficer)?.credential).toBe('bank-a');
  });

  it('refuses unknown keys, near misses, and the stored hash itself', () => {
    expect(store.authenticate('')).toBeUndefined();
    expect(store.authenticate(`${TEST_KEYS.supplier1}x`)).toBeUndefined();
    expect(store.authenticate(hashApiKey(TEST_KEYS.supplier1))).toBeUndefined();
  });

  it('keeps internal identities out of authentication but available by name', () => {
    expect(store.byName('bank-a-risk')).toMatchObject({ internal: true, user: 'User2', mspId: 'BankAMSP' });
    expect(
      store
        .all()
        .filter((caller) => caller.internal)
        .map((caller) => caller.credential),
    ).toEqual(['bank-a-risk']);
  });

  it('rejects a credential naming an identity the network does not have', () => {
    const bad = { version: 1 as const, credentials: [{ ...TEST_CREDENTIALS.credentials[0], name: 'ghost', user: 'User9' }] };
    expect(() => new CredentialStore(parseCredentialsFile(bad, 'test'), fakeNetwork())).toThrow(/User9/);
  });

  it('validates the file: shape, duplicate names, key hash exactly for non-internal credentials', () => {
    expect(() => parseCredentialsFile({ version: 1, credentials: [{ name: 'x' }] }, 'f.json')).toThrow(
      /f.json is not a valid credentials file/,
    );
    const [first] = TEST_CREDENTIALS.credentials;
    expect(() => parseCredentialsFile({ version: 1, credentials: [first, first] }, 'f.json')).toThrow(/twice/);
    expect(() => parseCredentialsFile({ version: 1, credentials: [{ ...first, keyHash: null }] }, 'f.json')).toThrow(/key hash/);
  });
});

describe('createDemoCredentials', () => {
  const network = fakeNetwork();

  function setup(): { credentialsFile: string; demoKeysFile: string } {
    const dir = path.join(temporaryDir(), 'gateway');
    return { credentialsFile: path.join(dir, 'credentials.json'), demoKeysFile: path.join(dir, 'demo-credentials.json') };
  }

  it('creates one random key per demo caller, stores only hashes, and writes the plaintext keys 0600', () => {
    const files = setup();
    const { newKeys } = createDemoCredentials(network, files);
    const names = newKeys.map((key) => key.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'bank-a',
        'bank-b',
        'core',
        'supplier-1',
        'supplier-2',
        'supplier-3',
        'warehouse',
        'auditor',
        'price-oracle',
        'bank-a-admin',
        'suppliers-admin',
      ]),
    );
    expect(names).not.toContain('bank-a-risk');
    expect(new Set(newKeys.map((key) => key.apiKey)).size).toBe(newKeys.length);
    expect(newKeys.every((key) => /^scf_[A-Za-z0-9_-]{43}$/.test(key.apiKey))).toBe(true);

    const credentialsText = fs.readFileSync(files.credentialsFile, 'utf8');
    expect(newKeys.some((key) => credentialsText.includes(key.apiKey))).toBe(false);
    expect(fs.statSync(files.credentialsFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(files.demoKeysFile).mode & 0o777).toBe(0o600);
    expect((JSON.parse(fs.readFileSync(files.demoKeysFile, 'utf8')) as DemoKeysFile).keys).toEqual(newKeys);

    const store = CredentialStore.load(files.credentialsFile, network);
    for (const key of newKeys) {
      expect(store.authenticate(key.apiKey)?.credential).toBe(key.name);
    }
    expect(store.byName('bank-a-risk')).toMatchObject({ internal: true, user: 'User2' });
    expect(store.byName('bank-b-risk')).toMatchObject({ internal: true, user: 'User2', org: 'BankB' });
    expect(store.byName('price-oracle')).toMatchObject({ org: 'Auditor', user: 'User2', role: 'price-oracle' });
  });

  it('is idempotent: a second run keeps every existing key and creates none', () => {
    const files = setup();
    const first = createDemoCredentials(network, files);
    const before = fs.readFileSync(files.credentialsFile, 'utf8');
    expect(createDemoCredentials(network, files).newKeys).toEqual([]);
    expect(fs.readFileSync(files.credentialsFile, 'utf8')).toBe(before);
    const store = CredentialStore.load(files.credentialsFile, network);
    expect(first.newKeys.every((key) => store.authenticate(key.apiKey)?.credential === key.name)).toBe(true);
  });

  it('adds only what is missing, keeping the others', () => {
    const files = setup();
    const first = createDemoCredentials(network, files);
    const file = readCredentialsFile(files.credentialsFile);
    fs.writeFileSync(
      files.credentialsFile,
      JSON.stringify({ ...file, credentials: file.credentials.filter((record) => record.name !== 'core') }),
    );
    const second = createDemoCredentials(network, files);
    expect(second.newKeys.map((key) => key.name)).toEqual(['core']);
    const store = CredentialStore.load(files.credentialsFile, network);
    const keptSupplier = first.newKeys.find((key) => key.name === 'supplier-1');
    expect(keptSupplier && store.authenticate(keptSupplier.apiKey)?.credential).toBe('supplier-1');
    expect(store.authenticate(second.newKeys[0]?.apiKey ?? '')?.credential).toBe('core');
  });

  it('names admins after their org', () => {
    expect(['BankA', 'BankB', 'Core', 'Suppliers', 'Warehouse', 'Auditor'].map(adminCredentialName)).toEqual([
      'bank-a-admin',
      'bank-b-admin',
      'core-admin',
      'suppliers-admin',
      'warehouse-admin',
      'auditor-admin',
    ]);
  });
});
