import {
  connectGateway,
  enrollIdentity,
  findOrg,
  IdentityFiles,
  ordererAdminDir,
  orgByName,
  peerChaincodeClientTls,
  topology,
} from '@scf/network';
import { tx } from '@scf/kernel/catalogue/catalogue';
import fs from 'node:fs';
import https from 'node:https';
import { X509Certificate } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { network, uniqueLabel, utf8 } from '../support/fabric';

/**
 * Every organisation is its own trust domain: its CA issues its members' certificates, and the
 * channel trusts, for each org's MSP id, only that org's CA.
 */

const HOME = 'BankA';
const FOREIGN = 'BankB';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-trust-'));

/** Files for an identity made at run time, presented under the MSP id given. */
function identityFiles(name: string, mspId: string, enrolled: { certificate: string; keyPem: string }): IdentityFiles {
  const certPath = path.join(tmp, `${name}.pem`);
  const keyPath = path.join(tmp, `${name}.key`);
  fs.writeFileSync(certPath, enrolled.certificate);
  fs.writeFileSync(keyPath, enrolled.keyPem, { mode: 0o600 });
  return { org: HOME, mspId, user: name, certPath, keyPath, mspDir: tmp };
}

/** Evaluates scf.system:Version as this identity through one org's peer. */
async function versionThrough(orgName: string, files: IdentityFiles): Promise<string> {
  const net = network();
  const { gateway, client } = connectGateway(files, orgByName(net, orgName).peer);
  try {
    const contract = gateway.getNetwork(net.channel).getContract(net.chaincode, tx.system.Version.contract);
    return utf8.decode(await contract.evaluateTransaction(tx.system.Version.name));
  } finally {
    gateway.close();
    client.close();
  }
}

function caCertificate(orgName: string): X509Certificate {
  const org = orgByName(network(), orgName);
  const ca = path.join(org.admin.mspDir, 'cacerts', 'ca.pem');
  return new X509Certificate(fs.readFileSync(ca));
}

describe('every organisation is its own trust domain', () => {
  afterAll(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("each org's members hold certificates its own CA signed, and no other org's CA", () => {
    const net = network();
    for (const org of net.orgs) {
      for (const id of [org.admin, ...org.users]) {
        const cert = new X509Certificate(fs.readFileSync(id.certPath));
        for (const other of net.orgs) {
          const signedBy = cert.verify(caCertificate(other.name).publicKey);
          expect({ identity: `${id.user}@${org.name}`, ca: other.name, signedBy }).toEqual({
            identity: `${id.user}@${org.name}`,
            ca: other.name,
            signedBy: other.name === org.name,
          });
        }
      }
    }
  });

  it("a certificate from another org's CA is refused under this org's MSP id; the same request with this org's CA passes", async () => {
    const label = uniqueLabel('trust');
    const domain = findOrg(HOME).domain;
    // Onboarding through the home org's CA: a new member, with its role in the certificate.
    const newcomer = await enrollIdentity(HOME, `newcomer-${label}@${domain}`, 'client', 'bank');
    expect(newcomer.mspId).toBe(findOrg(HOME).mspId);
    expect(Buffer.from(new X509Certificate(newcomer.certificate).raw).includes('"scf.role":"bank"')).toBe(true);
    expect(await versionThrough(HOME, identityFiles('newcomer', newcomer.mspId, newcomer))).toContain('version');

    // The same kind of certificate, for a name of the home org, issued by the foreign org's CA.
    const impostor = await enrollIdentity(FOREIGN, `impostor-${label}@${domain}`, 'client', 'bank');
    expect(impostor.mspId).toBe(findOrg(FOREIGN).mspId);
    // Under its own CA's MSP id it is a valid member of the foreign org: the certificate itself is sound.
    expect(await versionThrough(FOREIGN, identityFiles('impostor-own', impostor.mspId, impostor))).toContain('version');
    // Claiming the home org's MSP id, every peer refuses it (the channel's BankAMSP trusts BankA's CA only).
    const claimed = identityFiles('impostor-claimed', findOrg(HOME).mspId, impostor);
    for (const via of [HOME, FOREIGN, 'Auditor']) {
      await expect(versionThrough(via, claimed)).rejects.toThrow(/access denied|creator|certificate|identity/i);
    }
  });

  it("the orderers' admin endpoint refuses a TLS client certificate from a peer org's TLS CA", async () => {
    const orderer = topology.orderers[0];
    if (!orderer) {
      throw new Error('no orderer');
    }
    const ordererTlsCa = fs.readFileSync(path.join(ordererAdminDir(), 'tls', 'ca.crt'));
    const list = (cert: Buffer, key: Buffer): Promise<number | string> =>
      new Promise((resolve) => {
        const req = https.request(
          { host: orderer.address, port: orderer.admin, path: '/participation/v1/channels', ca: ordererTlsCa, cert, key, timeout: 5000 },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) => {
          resolve(error.code ?? error.message);
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.end();
      });
    const adminTls = path.join(ordererAdminDir(), 'tls');
    expect(await list(fs.readFileSync(path.join(adminTls, 'client.crt')), fs.readFileSync(path.join(adminTls, 'client.key')))).toBe(200);
    const foreign = peerChaincodeClientTls(findOrg(HOME));
    expect(await list(fs.readFileSync(foreign.cert), fs.readFileSync(foreign.key))).not.toBe(200);
  });
});
