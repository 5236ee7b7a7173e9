import { KeyEndorsementPolicy } from 'fabric-shim';

/**
 * A key-level endorsement policy requiring a peer of every listed org (an AND).
 * Orgs are de-duplicated and sorted so every endorser produces identical bytes; malformed
 * bytes would lock the key forever, hence the unit test decoding them.
 */
export function peersOfAllOrgs(mspIds: readonly string[]): Uint8Array {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs('PEER', ...[...new Set(mspIds)].sort());
  return policy.getPolicy();
}
