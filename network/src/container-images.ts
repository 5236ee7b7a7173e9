/**
 * Paths inside the Fabric images (the official hyperledger/fabric-peer and -orderer images and
 * the ones docker/fabric-*.Dockerfile build): their config and the ccaas builder.
 */
export const IMAGE_FABRIC_CONFIG = '/etc/hyperledger/fabric';
export const IMAGE_CCAAS_BUILDER = '/opt/hyperledger/ccaas_builder';

/** The images the container runtime runs: the ones scripts/build-images.sh builds, unless overridden. */
export function containerImages(env: NodeJS.ProcessEnv = process.env): {
  orderer: string;
  peer: string;
  ca: string;
  chaincode: string;
  gateway: string;
} {
  const tag = env.SCF_IMAGE_TAG ?? 'dev';
  return {
    orderer: env.SCF_ORDERER_IMAGE ?? `scf/fabric-orderer:${tag}`,
    peer: env.SCF_PEER_IMAGE ?? `scf/fabric-peer:${tag}`,
    ca: env.SCF_CA_IMAGE ?? `scf/fabric-ca:${tag}`,
    chaincode: env.SCF_CHAINCODE_IMAGE ?? `scf/chaincode:${tag}`,
    gateway: env.SCF_GATEWAY_IMAGE ?? `scf/gateway:${tag}`,
  };
}
