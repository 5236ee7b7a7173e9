import { connectGateway, type IdentityFiles, orgByName } from '@scf/network';
import { call, tx, type EvaluateCall, type SubmitCall } from '@scf/kernel/catalogue/catalogue';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, network, utf8 } from '../support/fabric';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process';
import { invoiceTerms, restLineTerms, runId, submitAs } from '../support/ledger';

/**
 * Onboarding through each org's own gateway (issue 17): a core enterprise invites a supplier at the
 * Core gateway; the Suppliers org admin redeems the code on the Suppliers gateway's admin listener
 * (the org CA registers and enrolls the newcomer, the ledger registers it at the invitation's tier
 * and uses the code up); the newcomer signs with the credential it was handed, receives part of a
 * split receivable and is financed through Bank A's gateway (its risk gate signing through the
 * HSM). Offboarding suspends it, revokes it at the Suppliers CA and puts the CRL into the channel.
 */

interface Body {
  [key: string]: unknown;
}
interface Onboarded {
  participant: { id: string; role: string; tier?: number; status: string; mspId: string; invitedBy?: string };
  invitedBy: string | null;
  credential: { mspId: string; enrollmentId: string; certificate: string; privateKeyPem: string };
}

let gw: GatewayProcess;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scf-newcomer-'));

beforeAll(async () => {
  gw = await startGatewayProcess({}, { orgs: ['BankA', 'Core', 'Suppliers'] });
}, 300_000);

afterAll(async () => {
  await gw.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The newcomer's own wallet: the credential it was handed, kept on its side. */
function wallet(onboarded: Onboarded): IdentityFiles {
  const certPath = path.join(tmp, `${onboarded.participant.id}.pem`);
  const keyPath = path.join(tmp, `${onboarded.participant.id}.key`);
  fs.writeFileSync(certPath, onboarded.credential.certificate);
  fs.writeFileSync(keyPath, onboarded.credential.privateKeyPem, { mode: 0o600 });
  return { org: 'Suppliers', mspId: onboarded.credential.mspId, user: onboarded.participant.id, certPath, keyPath, mspDir: tmp };
}

/** Submits (or evaluates) as the newcomer, signing with its own key through the Suppliers peer. */
async function asNewcomer(identity: IdentityFiles, transaction: SubmitCall | EvaluateCall, evaluate = false): Promise<Body> {
  const net = network();
  const { gateway, client } = connectGateway(identity, orgByName(net, 'Suppliers').peer);
  try {
    const contract = gateway.getNetwork(net.channel).getContract(net.chaincode, transaction.contract);
    const run = evaluate ? contract.evaluateTransaction.bind(contract) : contract.submitTransaction.bind(contract);
    return JSON.parse(utf8.decode(await run(transaction.transaction, ...transaction.args))) as Body;
  } finally {
    gateway.close();
    client.close();
  }
}

function onboardBody(id: string, invitationCode?: string): Body {
  return {
    participantId: id,
    name: `Tier-2 supplier ${id}`,
    role: 'supplier',
    legalEntityId: leiFromLabel(`test:${id}`),
    ...(invitationCode === undefined ? {} : { invitationCode }),
  };
}

const onboard = (body: Body): ReturnType<GatewayProcess['fetch']> => gw.fetch('suppliers-admin', 'POST', '/v1/admin/participants', body);
const answer = (r: { status: number; body: unknown }): [number, unknown] => [r.status, (r.body as Body).code];

describe('onboarding through the org gateways, with invitation codes on the ledger', () => {
  it('the onboarding routes are on the admin listener only, for org admin keys only', async () => {
    const publicCall = await fetch(`${gw.urlOf('Suppliers')}/v1/admin/participants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys['supplier-1'] ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(onboardBody(runId('pub'))),
    });
    expect(publicCall.status).toBe(404);
    const adminWithUserKey = await fetch(`${gw.adminUrlOf('Suppliers')}/v1/admin/participants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys['supplier-1'] ?? ''}`, 'content-type': 'application/json' },
      body: JSON.stringify(onboardBody(runId('adm'))),
    });
    expect(adminWithUserKey.status).toBe(401);
  });

  it('a code issued at the Core gateway works once at the Suppliers gateway; unknown, expired and foreign redemptions are refused', async () => {
    expect(answer(await gw.fetch('bank-a', 'POST', '/v1/invitations', { tier: 2 }))).toEqual([403, 'FORBIDDEN']);
    const first = await gw.ok<{ code: string; codeHash: string; tier: number; expiresAt: string }>('core', 'POST', '/v1/invitations', {
      tier: 2,
    });
    expect(first).toMatchObject({ tier: 2, invitedBy: 'core', status: 'OPEN' });
    const short = await gw.ok<{ code: string }>('core', 'POST', '/v1/invitations', { tier: 2, ttlSeconds: 1 });
    // Another org's admin cannot redeem a supplier invitation (a supplier is a Suppliers member).
    const foreign = await gw.fetch('core-admin', 'POST', '/v1/admin/participants', onboardBody(runId('t2e'), first.code));
    expect(answer(foreign)).toEqual([403, 'FORBIDDEN']);
    const id = runId('t2a');
    const redeemed = await onboard(onboardBody(id, first.code));
    expect(redeemed.status).toBe(201);
    expect(redeemed.body).toMatchObject({ participant: { id, tier: 2, invitedBy: 'core' }, invitedBy: 'core' });
    expect(answer(await onboard(onboardBody(runId('t2b'), first.code)))).toEqual([409, 'INVITATION_USED']);
    expect(answer(await onboard(onboardBody(runId('t2c'), 'never-issued-code-000000')))).toEqual([404, 'INVITATION_UNKNOWN']);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(answer(await onboard(onboardBody(runId('t2d'), short.code)))).toEqual([409, 'INVITATION_EXPIRED']);
    // An id whose CA identity exists (a member's own) is refused, and that member is untouched.
    const taken = await onboard({ ...onboardBody('User1'), tier: 2 });
    expect(answer(taken)).toEqual([409, 'ALREADY_EXISTS']);
    expect(await gw.ok('supplier-1', 'GET', '/v1/participants/me')).toMatchObject({ participant: { id: 'supplier-1', status: 'ACTIVE' } });
  });

  it('a suspended participant is refused at the API, and serves again once reinstated', async () => {
    await gw.ok('suppliers-admin', 'POST', '/v1/participants/supplier-3/suspend');
    try {
      const refused = await gw.fetch('supplier-3', 'GET', '/v1/participants/me');
      expect(answer(refused)).toEqual([403, 'SUSPENDED']);
    } finally {
      await gw.ok('suppliers-admin', 'POST', '/v1/participants/supplier-3/reinstate');
    }
    expect((await gw.fetch('supplier-3', 'GET', '/v1/participants/me')).status).toBe(200);
  });

  it('the newcomer receives a split receivable, is financed through Bank A, and once offboarded the peers refuse it', async () => {
    const id = runId('t2');
    const { code } = await gw.ok<{ code: string }>('core', 'POST', '/v1/invitations', { tier: 2 });
    const onboarded = await gw.ok<Onboarded>('suppliers-admin', 'POST', '/v1/admin/participants', onboardBody(id, code));
    expect(onboarded).toMatchObject({
      participant: { id, role: 'supplier', tier: 2, status: 'ACTIVE', mspId: 'SuppliersMSP' },
      invitedBy: 'core',
      credential: { mspId: 'SuppliersMSP', enrollmentId: `${id}@suppliers.scf.local` },
    });
    expect(new X509Certificate(onboarded.credential.certificate).subject).toContain(`CN=${id}@suppliers.scf.local`);
    // Handed over and forgotten: no file of the gateways holds the key.
    const keyBody = onboarded.credential.privateKeyPem.split('\n')[1] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    const holding = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          return holding(full);
        }
        return entry.isFile() && fs.readFileSync(full, 'latin1').includes(keyBody) ? [full] : [];
      });
    expect(holding(gw.dir)).toEqual([]);
    const newcomer = wallet(onboarded);

    // Supplier-1's confirmed receivable, split: part to the tier-2 newcomer.
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000' }));
    const lineId = `${id}-line`;
    await gw.ok('bank-a', 'POST', '/v1/credit-lines', restLineTerms(lineId));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    const outstanding = (await gw.ok<{ outstanding: string }>('supplier-1', 'GET', `/v1/receivables/${id}`)).outstanding;
    const part = (BigInt(outstanding) * 3n) / 10n;
    await gw.ok('supplier-1', 'POST', `/v1/receivables/${id}/split`, {
      parts: [
        { id: `${id}-keep`, amount: (BigInt(outstanding) - part).toString(), holderId: 'supplier-1' },
        { id: `${id}-t2`, amount: part.toString(), holderId: id },
      ],
    });

    // The newcomer signs its own financing request; Bank A's gateway risk-checks and approves it.
    const financingId = `${id}-f`;
    const amount = (part / 2n).toString();
    await asNewcomer(newcomer, call(tx.financing.RequestFinancing, { financingId, receivableId: `${id}-t2`, lineId, amount }));
    const assessed = await gw.fetch('bank-a', 'POST', `/v1/financings/${financingId}/assess`);
    if (assessed.status === 202) {
      await gw.ok('bank-a-2', 'POST', `/v1/risk/reviews/${financingId}/decision`, { decision: 'APPROVE', note: 'new supplier checked' });
    } else {
      expect(assessed.status).toBe(200);
    }
    expect(await gw.ok('bank-a', 'GET', `/v1/financings/${financingId}`)).toMatchObject({ status: 'ACTIVE', borrowerId: id });

    // Offboarding: suspended, revoked at the Suppliers CA, the CRL in the channel; then the peers refuse it.
    const offboarded = await gw.ok<{ participant: { status: string }; revokedSerials: string[]; crlUpdated: boolean }>(
      'suppliers-admin',
      'POST',
      `/v1/admin/participants/${id}/offboard`,
    );
    expect(offboarded).toMatchObject({ participant: { status: 'SUSPENDED' }, crlUpdated: true });
    expect(offboarded.revokedSerials).toHaveLength(1);
    const query = call(tx.participant.WhoAmI);
    await eventually(
      () => expect(asNewcomer(newcomer, query, true)).rejects.toThrow(/access denied|creator|revoked|certificate/i),
      30_000,
      500,
    );
  });
});
