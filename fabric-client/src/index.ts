export type { IdentityFiles, PeerAddress } from './identity';
export { connectGateway, hsmSigner, peerConnection, signingIdentity } from './connection';
export {
  alreadyInitialized,
  der,
  derInteger,
  findKey,
  HSM_REF_FILE,
  lowSDer,
  openToken,
  pkcs11js,
  readHsmRef,
  tokenSigner,
  type HsmKeyRef,
  type TokenSession,
} from './pkcs11';
