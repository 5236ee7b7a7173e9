import { dataDir, findOrg, gatewayStateDir, gatewayUrl, topology } from '@scf/network';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Each org's gateway in a container of its own (issue 15, both runtimes): it answers over REST on
 * its org's own address, acts for its org's people and refuses another org's key, and its volumes
 * hold its org's folder and its own state only, so every private key it can read is its own org's.
 * The CAs run in containers too, one per org.
 */
const unavailable = process.env.SCF_CONTAINERS_UNAVAILABLE;
const suite = unavailable === undefined ? describe : describe.skip;

interface Mount {
  readonly Source: string;
  readonly Destination: string;
  readonly RW: boolean;
}
interface Inspected {
  readonly State: { readonly Running: boolean };
  readonly Config: { readonly Labels: Record<string, string> };
  readonly HostConfig: { readonly NetworkMode: string };
  readonly Mounts: readonly Mount[];
}

function inspect(container: string): Inspected {
  const [found] = JSON.parse(execFileSync('docker', ['inspect', container], { encoding: 'utf8' })) as Inspected[];
  if (found === undefined) {
    throw new Error(`no container ${container}`);
  }
  // This network's container, not one of another data folder's.
  expect(found.Config.Labels['scf.data-dir']).toBe(path.resolve(dataDir));
  return found;
}

const gatewayContainer = (org: string): string => `scf-gateway-${org.toLowerCase()}`;

function demoKey(org: string, name: string): string {
  const file = path.join(gatewayStateDir(findOrg(org)), 'demo-credentials.json');
  const keys = (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: { name: string; apiKey: string }[] }).keys;
  const key = keys.find((k) => k.name === name);
  if (key === undefined) {
    throw new Error(`no demo key ${name} in ${file}`);
  }
  return key.apiKey;
}

async function get(org: string, urlPath: string, apiKey?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${gatewayUrl(findOrg(org))}${urlPath}`, {
    headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` },
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(file) : entry.isFile() ? [file] : [];
  });
}

/** Every PEM private key and every certificate in the folders (JSON files' escaped PEM too), each key's public half as SPKI DER. */
function pemMaterial(dirs: readonly string[]): {
  keys: { file: string; spki: string }[];
  certs: crypto.X509Certificate[];
  revocationKeys: string[];
} {
  const keys: { file: string; spki: string }[] = [];
  const certs: crypto.X509Certificate[] = [];
  const revocationKeys: string[] = [];
  for (const file of dirs.flatMap(filesUnder)) {
    // A CA's idemix revocation key (SEC1 bytes under a PKCS#8 label): it pairs with no certificate.
    if (path.basename(file) === 'IssuerRevocationPrivateKey') {
      revocationKeys.push(file);
      continue;
    }
    const text = fs.readFileSync(file).toString('latin1').split('\\n').join('\n');
    for (const pem of text.match(/-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]+-----END [A-Z ]*PRIVATE KEY-----/g) ?? []) {
      const spki = crypto.createPublicKey(crypto.createPrivateKey(pem)).export({ type: 'spki', format: 'der' }).toString('hex');
      keys.push({ file, spki });
    }
    for (const pem of text.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []) {
      certs.push(new crypto.X509Certificate(pem));
    }
  }
  return { keys, certs, revocationKeys };
}

suite("each org's gateway in its own container", () => {
  it.each(topology.orgs.map((o) => o.name))("%s's gateway runs in a container on its org's address and answers /healthz", async (org) => {
    const container = inspect(gatewayContainer(org));
    expect(container.State.Running).toBe(true);
    expect(container.HostConfig.NetworkMode).toBe('host');
    expect(new URL(gatewayUrl(findOrg(org))).hostname).toBe(findOrg(org).address);
    expect(await get(org, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it("serves its org's participant over REST, a ledger read as that participant, and refuses another org's key", async () => {
    const me = await get('BankA', '/v1/participants/me', demoKey('BankA', 'bank-a'));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ mspId: 'BankAMSP', participant: { id: 'bank-a', mspId: 'BankAMSP' } });
    // A key of the Suppliers' gateway is unknown to the BankA gateway; at its own org's gateway it works.
    const supplierKey = demoKey('Suppliers', 'supplier-1');
    expect((await get('BankA', '/v1/participants/me', supplierKey)).status).toBe(401);
    expect(await get('Suppliers', '/v1/participants/me', supplierKey)).toMatchObject({
      status: 200,
      body: { participant: { id: 'supplier-1' } },
    });
  });

  it.each(topology.orgs.map((o) => o.name))("%s's gateway container mounts its org's folder and its own state only", (org) => {
    const spec = findOrg(org);
    const mounts = inspect(gatewayContainer(org)).Mounts;
    const orgFolder = path.resolve(dataDir, 'orgs', org);
    expect(mounts.map((m) => ({ source: m.Source, rw: m.RW })).sort((a, b) => a.source.localeCompare(b.source))).toEqual(
      [
        { source: gatewayStateDir(spec), rw: true },
        { source: orgFolder, rw: false },
      ].sort((a, b) => a.source.localeCompare(b.source)),
    );
    // Every private key it can read pairs with a certificate its own org's CA (or TLS CA) issued, or is
    // that CA's own (its signing keys pair with its self-signed certificate; its idemix revocation
    // key pairs with none: it is in the CA's folder, orgs/<org>/ca).
    const { keys, certs, revocationKeys } = pemMaterial(mounts.map((m) => m.Source));
    expect(revocationKeys.filter((file) => !file.startsWith(path.join(orgFolder, 'ca') + path.sep))).toEqual([]);
    const roots = ['msp/cacerts/ca.pem', 'msp/tlscacerts/tlsca.pem'].map(
      (file) => new crypto.X509Certificate(fs.readFileSync(path.join(orgFolder, file))),
    );
    const spkiOf = (cert: crypto.X509Certificate): string => cert.publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    expect(keys.length).toBeGreaterThan(spec.users);
    for (const key of keys) {
      const paired = certs.filter((cert) => spkiOf(cert) === key.spki);
      const ours = paired.some((cert) => roots.some((root) => cert.checkIssued(root) && cert.verify(root.publicKey)));
      expect({ file: key.file, ours }).toEqual({ file: key.file, ours: true });
    }
    // And no certificate of another org's CA is there to go with any key.
    const others = topology.orgs.filter((o) => o.name !== org).map((o) => o.domain);
    expect(certs.filter((cert) => others.some((domain) => cert.subject.includes(domain) || cert.issuer.includes(domain)))).toEqual([]);
  });

  it("runs every org's CA in a container of its own, its CA folder mounted alone", () => {
    for (const org of [...topology.orgs, topology.ordererOrg]) {
      const container = inspect(`scf-ca-${org.name.toLowerCase()}`);
      expect(container.State.Running).toBe(true);
      expect(container.Mounts.map((m) => m.Source)).toEqual([path.resolve(dataDir, 'orgs', org.name, 'ca')]);
    }
  });
});
