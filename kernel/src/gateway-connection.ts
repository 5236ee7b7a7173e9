/**
 * What one organisation's gateway process reads to find its way (issue 15): its own peer, the
 * channel, the chaincode and its own identities, and nothing of any other org. The network package
 * writes it into the org's folder (`orgs/<org>/gateway.json`, so an org's bundle carries it); the
 * gateway reads only this file, never the development network's description.
 *
 * Paths are relative to the folder of the file, so a bundle can be moved anywhere.
 */
export const GATEWAY_CONNECTION_FILE = 'gateway.json';
export const GATEWAY_CONNECTION_VERSION = 1;

export interface GatewayConnectionIdentity {
  /** "Admin", "User1", ...: enrolled from the org's own CA. */
  readonly user: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly mspDir: string;
}

/**
 * The org's own CA, for onboarding and offboarding (issue 17): its URL, the CA name, the TLS root
 * to verify it, and the org's registrar (its id and the file holding its secret, in the org's CA
 * folder). No other org's CA is named.
 */
export interface GatewayConnectionCa {
  readonly url: string;
  readonly caName: string;
  readonly tlsCaPath: string;
  readonly registrar: { readonly id: string; readonly secretPath: string };
}

/**
 * What the org admin's channel configuration updates (its CRL into its MSP) need: an orderer to
 * fetch the config from and send the update to, and the Fabric tools (`peer`, `configtxlator`)
 * with their config folder. Tool paths are absolute: they are the operator's install, not the org's files.
 */
export interface GatewayConnectionChannelAdmin {
  readonly orderer: { readonly address: string; readonly hostname: string; readonly tlsCaPath: string };
  readonly fabricBin: string;
  readonly fabricConfig: string;
}

export interface GatewayConnectionConfig {
  readonly version: typeof GATEWAY_CONNECTION_VERSION;
  readonly org: string;
  readonly mspId: string;
  readonly channel: string;
  readonly chaincode: string;
  /** The org's own peer: its gRPC address, the host name its TLS certificate names, the TLS CA to verify it. */
  readonly peer: { readonly name: string; readonly address: string; readonly hostname: string; readonly tlsCaPath: string };
  /** Whether the org is a bank: only a bank's gateway runs the risk gate, policies and review queue. */
  readonly riskGate: boolean;
  /** Where the gateway listens: the public API and the admin listener, both on the org's own address. */
  readonly listen: { readonly host: string; readonly port: number; readonly adminPort: number };
  readonly identities: readonly GatewayConnectionIdentity[];
  /** The org's CA (onboarding, revocation); absent: the gateway serves no onboarding. */
  readonly ca?: GatewayConnectionCa;
  /** Channel config updates by the org's admin (the CRL); absent: revocation stops at the CA. */
  readonly channelAdmin?: GatewayConnectionChannelAdmin;
}
