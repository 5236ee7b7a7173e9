import { connectGateway, findOrg, gatewayConnectionPath, type IdentityFiles, orgByName } from '@scf/network';
import { channelCrls, publishOrgCrl, type ChannelAdminContext } from '@scf/gateway/ledger/channel-crl';
import { OrgCa } from '@scf/gateway/ledger/org-ca';
import { loadOrgNetwork } from '@scf/gateway/ledger/org-network';
import { call, tx, type EvaluateCall } from '@scf/kernel/catalogue/catalogue';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, network, utf8, withContract } from '../support/fabric';
import { runId } from '../support/ledger';

/**
 * Offboarding with the gateway's own CA client and channel admin (configured from the Suppliers
 * org's gateway.json only): suspension on-chain stops a participant at the chaincode at once;
 * revocation at the org's CA and the org's CRL in the channel (a config update signed by the org's
 * admin alone) make every peer refuse the certificate itself. An enrollment secret works once.
 */

const ORG = 'Suppliers';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-offboard-'));
const suppliers = loadOrgNetwork(gatewayConnectionPath(findOrg(ORG)));
const ca = (): OrgCa => {
  if (!suppliers.ca) {
    throw new Error('the Suppliers gateway.json names no CA');
  }
  return new OrgCa(suppliers.org.mspId, suppliers.ca);
};
const channelAdmin = (): ChannelAdminContext => {
  if (!suppliers.channelAdmin) {
    throw new Error('the Suppliers gateway.json names no channel admin');
  }
  return {
    channel: suppliers.channel,
    mspId: suppliers.org.mspId,
    peer: suppliers.org.peer,
    admin: suppliers.org.admin,
    config: suppliers.channelAdmin,
  };
};
const enrollmentId = (id: string): string => `${id}@${findOrg(ORG).domain}`;

function files(name: string, enrolled: { mspId: string; certificate: string; keyPem: string }): IdentityFiles {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'cert.pem'), enrolled.certificate);
  fs.writeFileSync(path.join(dir, 'key.pem'), enrolled.keyPem, { mode: 0o600 });
  return {
    org: ORG,
    mspId: enrolled.mspId,
    user: name,
    certPath: path.join(dir, 'cert.pem'),
    keyPath: path.join(dir, 'key.pem'),
    mspDir: dir,
  };
}

/** Evaluates as the identity through one org's peer. */
async function evaluateThrough<T>(via: string, identity: IdentityFiles, query: EvaluateCall): Promise<T> {
  const net = network();
  const { gateway, client } = connectGateway(identity, orgByName(net, via).peer);
  try {
    const contract = gateway.getNetwork(net.channel).getContract(net.chaincode, query.contract);
    return JSON.parse(utf8.decode(await contract.evaluateTransaction(query.transaction, ...query.args))) as T;
  } finally {
    gateway.close();
    client.close();
  }
}

/** How a call is refused: by the chaincode (its error code) or by the peer before any chaincode runs. */
async function refusal(via: string, identity: IdentityFiles, query: EvaluateCall): Promise<string> {
  try {
    await evaluateThrough(via, identity, query);
    return 'accepted';
  } catch (error) {
    const message =
      error instanceof Error ? `${error.message} ${JSON.stringify((error as { details?: unknown }).details ?? '')}` : String(error);
    const code = /\\?"code\\?":\\?"([A-Z_]+)/.exec(message)?.[1];
    if (code) {
      return `chaincode: ${code}`;
    }
    return /access denied|creator certificate is not valid|revoked/i.test(message) ? 'peer: access denied' : `other: ${message}`;
  }
}

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('offboarding through the org CA and the channel CRL', () => {
  it('an enrollment secret works once: the CA refuses a second enrollment with it', async () => {
    const id = enrollmentId(runId('once'));
    const { enrollmentSecret } = await ca().registerOneTime(id, 'supplier');
    const first = await ca().enrollWithSecret(id, enrollmentSecret);
    expect(new X509Certificate(first.certificate).subject).toContain(`CN=${id}`);
    await expect(ca().enrollWithSecret(id, enrollmentSecret)).rejects.toThrow(/authentication failure|maximum|enrollments|Authentication/i);
    // A one-time registration never takes over an identity the CA has.
    await expect(ca().registerOneTime(id, 'supplier')).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('a suspended participant is refused at the chaincode; once revoked and the CRL is in the channel, every peer refuses it', async () => {
    const id = runId('leaver');
    const { enrollmentSecret } = await ca().registerOneTime(enrollmentId(id), 'supplier');
    const leaver = files(id, await ca().enrollWithSecret(enrollmentId(id), enrollmentSecret));
    const me = await evaluateThrough<{ clientId: string }>(ORG, leaver, call(tx.participant.WhoAmI));
    const registration = call(tx.participant.RegisterParticipant, {
      participantId: id,
      clientId: me.clientId,
      name: `Leaver ${id}`,
      role: 'supplier',
      tier: '2',
      legalEntityId: leiFromLabel(`test:${id}`),
    });
    await withContract(ORG, 'Admin', registration.contract, (c) => c.submitTransaction(registration.transaction, ...registration.args));
    const getSelf = call(tx.participant.GetParticipant, { participantId: id });
    expect(await evaluateThrough(ORG, leaver, getSelf)).toMatchObject({ id, status: 'ACTIVE' });

    // Suspension: the chaincode refuses the participant at once (its certificate is still valid).
    const suspend = call(tx.participant.SuspendParticipant, { participantId: id });
    await withContract(ORG, 'Admin', suspend.contract, (c) => c.submitTransaction(suspend.transaction, ...suspend.args));
    for (const via of [ORG, 'BankA']) {
      expect(await refusal(via, leaver, getSelf)).toBe('chaincode: SUSPENDED');
    }

    // Revocation at the org's CA, then the org's CRL into the channel, signed by the org's admin only.
    const { revokedSerials, crlPem } = await ca().revokeIdentity(enrollmentId(id));
    expect(revokedSerials).toHaveLength(1);
    expect(await publishOrgCrl(channelAdmin(), crlPem)).toBe(true);
    expect(await channelCrls(channelAdmin())).toEqual([crlPem]);
    expect(await publishOrgCrl(channelAdmin(), crlPem)).toBe(false);
    // Every peer applies the config block, then refuses the certificate before any chaincode runs.
    for (const via of network().orgs.map((o) => o.name)) {
      await eventually(
        async () => {
          expect(await refusal(via, leaver, call(tx.participant.WhoAmI))).toBe('peer: access denied');
        },
        30_000,
        500,
      );
    }
    // The org's other members are unaffected; a revoked identity cannot enroll again either.
    await withContract(ORG, 'User1', tx.participant.WhoAmI.contract, (c) => c.evaluateTransaction(tx.participant.WhoAmI.name));
    await expect(ca().enrollWithSecret(enrollmentId(id), enrollmentSecret)).rejects.toThrow();
  });
});
