import { NetworkDescription } from './description';

export type Progress = (message: string) => void;

export interface ChaincodeDeployment {
  readonly packageId: string;
  readonly sequence: number;
  readonly version: string;
}

/**
 * The network as tests see it, whichever way its processes run. The native runtime runs Fabric's
 * binaries as local processes; a container runtime can implement the same interface.
 */
export interface NetworkRuntime {
  readonly kind: string;
  /**
   * Brings everything up (idempotent) and returns once every org can endorse and commit. The
   * container runtime also starts each org's gateway container (natively, `npm start` and the tests
   * start the gateways as processes).
   */
  up(progress?: Progress): Promise<NetworkDescription>;
  /** Stops every process this runtime started. Ledgers stay. */
  down(progress?: Progress): Promise<void>;
  /** True when every orderer, peer and chaincode server (and, on containers, every CA and gateway) is running. */
  isUp(): Promise<boolean>;
  describe(): NetworkDescription;
  /** Node names: orderer names from the topology and peer names (peer0.<org domain>). */
  nodeNames(): string[];
  /** Kills a node the way a crash would (SIGKILL). */
  kill(node: string): Promise<void>;
  /** Starts a killed or stopped node again and waits until it is healthy. */
  restart(node: string): Promise<void>;
  /** Stops one org's chaincode server of the deployed slot (natively: SIGTERM to its recorded pid). Its peer then can't endorse. */
  stopChaincodeServer(orgName: string): Promise<void>;
  /** Starts one org's chaincode server of the deployed slot again and waits for its port. */
  startChaincodeServer(orgName: string): Promise<void>;
  /**
   * Deploys the built chaincode as the next sequence while the network keeps running; unchanged
   * code is left as it is unless `force` is set.
   */
  upgradeChaincode(options?: { force?: boolean }, progress?: Progress): Promise<ChaincodeDeployment>;
}
