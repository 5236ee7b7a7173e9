import { type ChannelAdminContext, publishOrgCrl } from '../ledger/channel-crl';
import { OrgCa } from '../ledger/org-ca';
import type { OrgGatewayNetwork } from '../ledger/org-network';
import type { IdentityAuthority } from './onboard';

/** The org's DNS domain, from its peer's host name (peer0.suppliers.scf.local → suppliers.scf.local). */
function orgDomain(network: OrgGatewayNetwork): string {
  return network.org.peer.hostname.split('.').slice(1).join('.');
}

/**
 * The gateway's own org's CA and its CRL in the channel, configured from the org's gateway.json
 * only (its CA, its registrar, its admin, its peer): the gateway never imports the development
 * network package. Undefined when the connection config names no CA or no channel admin (orderer
 * and Fabric tools): that gateway serves no onboarding.
 */
export function orgCaAuthority(network: OrgGatewayNetwork): IdentityAuthority | undefined {
  if (network.ca === undefined || network.channelAdmin === undefined) {
    return undefined;
  }
  const ca = new OrgCa(network.org.mspId, network.ca);
  const ctx: ChannelAdminContext = {
    channel: network.channel,
    mspId: network.org.mspId,
    peer: network.org.peer,
    admin: network.org.admin,
    config: network.channelAdmin,
  };
  return {
    enrollmentIdOf: (participantId) => `${participantId}@${orgDomain(network)}`,
    registerOneTime: (enrollmentId, role) => ca.registerOneTime(enrollmentId, role),
    enrollWithSecret: (enrollmentId, secret) => ca.enrollWithSecret(enrollmentId, secret),
    revokeIdentity: (enrollmentId) => ca.revokeIdentity(enrollmentId),
    publishOrgCrl: (crlPem) => publishOrgCrl(ctx, crlPem),
  };
}
