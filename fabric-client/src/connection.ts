import * as grpc from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type HSMSignerFactory, type Identity, type Signer } from '@hyperledger/fabric-gateway';
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IdentityFiles, PeerAddress } from './identity';
import { alreadyInitialized, readHsmRef, tokenSigner, type HsmKeyRef } from './pkcs11';

/** A gRPC connection to one peer, TLS verified against that peer's CA. */
export function peerConnection(peer: PeerAddress): grpc.Client {
  const credentials = grpc.credentials.createSsl(fs.readFileSync(peer.tlsCaPath));
  return new grpc.Client(peer.address, credentials, {
    // The peer drops clients that ping more often than its keepalive.minInterval (60 s).
    'grpc.keepalive_time_ms': 120_000,
    'grpc.max_receive_message_length': 100 * 1024 * 1024,
    // A peer's TLS certificate names its host name and its org's address; an IP as TLS server
    // name is deprecated in Node, so the name is checked (the host name needs no DNS entry).
    'grpc.ssl_target_name_override': peer.hostname,
  });
}

/** One PKCS#11 module per process (a second C_Initialize of the same module fails), and one session per key. */
const hsmFactories = new Map<string, HSMSignerFactory>();
const hsmSigners = new Map<string, Signer>();

/** fabric-gateway's HSM signer; undefined when another copy of pkcs11js in this process initialized the module first. */
function hsmFactorySigner(ref: HsmKeyRef): Signer | undefined {
  let factory = hsmFactories.get(ref.library);
  if (!factory) {
    try {
      factory = signers.newHSMSignerFactory(ref.library);
    } catch (error) {
      if (alreadyInitialized(error)) {
        return undefined;
      }
      throw error;
    }
    hsmFactories.set(ref.library, factory);
  }
  const { signer } = factory.newSigner({
    label: ref.tokenLabel,
    pin: fs.readFileSync(ref.pinFile, 'utf8').trim(),
    identifier: Buffer.from(ref.keyId, 'hex'),
  });
  return signer;
}

/**
 * Signs through the HSM: the key stays in the token. One signing operation at a time per session
 * (PKCS#11 allows one active operation per session), so concurrent signs queue.
 */
export function hsmSigner(ref: HsmKeyRef): Signer {
  const cacheKey = `${ref.library}|${ref.tokenLabel}|${ref.keyId}`;
  const cached = hsmSigners.get(cacheKey);
  if (cached) {
    return cached;
  }
  if (ref.softhsmConf && !process.env.SOFTHSM2_CONF) {
    // SoftHSM2 finds its token folder through this variable, read when the module initializes.
    process.env.SOFTHSM2_CONF = ref.softhsmConf;
  }
  const signer = hsmFactorySigner(ref) ?? tokenSigner(ref);
  let queue: Promise<unknown> = Promise.resolve();
  const serialized: Signer = (digest) => {
    const next = queue.then(() => signer(digest));
    queue = next.catch(() => undefined);
    return next;
  };
  hsmSigners.set(cacheKey, serialized);
  return serialized;
}

/** The identity's certificate and signer: through the HSM when its MSP folder says its key is there, else its key file. */
export function signingIdentity(files: Pick<IdentityFiles, 'mspId' | 'certPath' | 'keyPath' | 'mspDir'>): {
  identity: Identity;
  signer: Signer;
} {
  const credentials = fs.readFileSync(files.certPath);
  const hsm = readHsmRef(files.mspDir);
  if (hsm) {
    return { identity: { mspId: files.mspId, credentials }, signer: hsmSigner(hsm) };
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(files.keyPath));
  return { identity: { mspId: files.mspId, credentials }, signer: signers.newPrivateKeySigner(privateKey) };
}

/** A fabric-gateway Gateway for one identity through one peer, with a deadline on every call. */
export function connectGateway(
  files: Pick<IdentityFiles, 'mspId' | 'certPath' | 'keyPath' | 'mspDir'>,
  peer: PeerAddress,
  client = peerConnection(peer),
): { gateway: Gateway; client: grpc.Client } {
  const { identity, signer } = signingIdentity(files);
  const gateway = connect({
    client,
    identity,
    signer,
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
    submitOptions: () => ({ deadline: Date.now() + 30_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 120_000 }),
  });
  return { gateway, client };
}
