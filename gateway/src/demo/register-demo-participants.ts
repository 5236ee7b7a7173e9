import { connectGateway, NetworkDescription, orgByName, userOf } from '../ledger/org-network';
import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import { TextDecoder } from 'node:util';
import { DEMO_PARTICIPANTS, DemoParticipant } from './demo-participants';
import { call, tx } from '@scf/kernel/catalogue/catalogue';

const utf8 = new TextDecoder();

interface WhoAmI {
  readonly clientId: string;
  readonly participant: { readonly id: string } | null;
}

async function whoAmI(network: NetworkDescription, p: DemoParticipant): Promise<WhoAmI> {
  const org = orgByName(network, p.org);
  const { gateway, client } = connectGateway(userOf(org, p.user), org.peer);
  try {
    const query = call(tx.participant.WhoAmI);
    const contract = gateway.getNetwork(network.channel).getContract(network.chaincode, query.contract);
    return JSON.parse(utf8.decode(await contract.evaluateTransaction(query.transaction, ...query.args))) as WhoAmI;
  } finally {
    gateway.close();
    client.close();
  }
}

/**
 * Registers every demo participant not yet on the ledger, each by its own org's admin, with the
 * certificate id the participant's identity reports. Safe to run again: registered ones are skipped.
 */
export async function registerDemoParticipants(
  network: NetworkDescription,
  log: (message: string) => void = () => undefined,
): Promise<number> {
  let registered = 0;
  for (const p of DEMO_PARTICIPANTS) {
    const me = await whoAmI(network, p);
    if (me.participant !== null) {
      continue;
    }
    const org = orgByName(network, p.org);
    const { gateway, client } = connectGateway(org.admin, org.peer);
    try {
      const registration = call(tx.participant.RegisterParticipant, {
        participantId: p.participantId,
        clientId: me.clientId,
        name: p.name,
        role: p.role,
        tier: p.tier === undefined ? '' : String(p.tier),
        legalEntityId: p.legalEntityId,
      });
      const contract = gateway.getNetwork(network.channel).getContract(network.chaincode, registration.contract);
      await contract.submitTransaction(registration.transaction, ...registration.args);
      registered++;
    } finally {
      gateway.close();
      client.close();
    }
  }
  log(`demo participants: ${registered} registered now, ${DEMO_PARTICIPANTS.length - registered} already registered`);
  await registerRiskKeys(network, log);
  return registered;
}

/**
 * Registers, by each bank org's admin, the public key of its risk gateway's certificate as the
 * bank's risk key (scf.participant:RegisterRiskKey): the gate signs its decisions with the
 * identity's own key (ledger/decision-signers.ts). Skipped when the ledger already has that key.
 */
export async function registerRiskKeys(network: NetworkDescription, log: (message: string) => void = () => undefined): Promise<void> {
  for (const p of DEMO_PARTICIPANTS.filter((d) => d.role === 'risk-gateway')) {
    const org = orgByName(network, p.org);
    const pem = createPublicKey(fs.readFileSync(userOf(org, p.user).certPath))
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const { gateway, client } = connectGateway(org.admin, org.peer);
    try {
      const contract = gateway.getNetwork(network.channel).getContract(network.chaincode, tx.participant.RegisterRiskKey.contract);
      const query = call(tx.participant.GetRiskKey, { bankMsp: org.mspId });
      const current = await contract
        .evaluateTransaction(query.transaction, ...query.args)
        .then((bytes) => (JSON.parse(utf8.decode(bytes)) as { publicKeyPem: string }).publicKeyPem)
        .catch(() => undefined);
      if (current !== pem) {
        const registration = call(tx.participant.RegisterRiskKey, { publicKeyPem: pem });
        await contract.submitTransaction(registration.transaction, ...registration.args);
        log(`risk key of ${org.mspId}: registered (${p.participantId}'s certificate key)`);
      }
    } finally {
      gateway.close();
      client.close();
    }
  }
}
