/** One signing identity: an X.509 certificate and its private key (a file, or a key in an HSM: `hsm.json` in its MSP folder). */
export interface IdentityFiles {
  readonly org: string;
  readonly mspId: string;
  /** "Admin", "User1", "User2", ...: enrolled from the org's CA as <user>@<org domain>. */
  readonly user: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly mspDir: string;
}

/** Where a peer's gRPC service listens and how its TLS certificate is checked. */
export interface PeerAddress {
  /** address:port of the peer's gRPC service (gateway, endorsement, deliver), on its org's own address. */
  readonly address: string;
  /** The host name its TLS certificate names (besides its address): the TLS server name clients check. */
  readonly hostname: string;
  readonly tlsCaPath: string;
}
