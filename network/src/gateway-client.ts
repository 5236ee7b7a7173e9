import * as grpc from '@grpc/grpc-js';
import { connect, Gateway, hash, Identity, Signer, signers } from '@hyperledger/fabric-gateway';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { IdentityFiles, PeerEndpoint } from './description';

/** A gRPC connection to one peer, TLS verified against that peer's CA. */
export function peerConnection(peer: PeerEndpoint): grpc.Client {
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

export function signingIdentity(files: IdentityFiles): { identity: Identity; signer: Signer } {
  const credentials = fs.readFileSync(files.certPath);
  const privateKey = crypto.createPrivateKey(fs.readFileSync(files.keyPath));
  return { identity: { mspId: files.mspId, credentials }, signer: signers.newPrivateKeySigner(privateKey) };
}

/** A fabric-gateway Gateway for one identity through one peer, with a deadline on every call. */
export function connectGateway(
  files: IdentityFiles,
  peer: PeerEndpoint,
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
