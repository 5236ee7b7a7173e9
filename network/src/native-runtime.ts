import { caProcess } from './ca-servers';
import { chaincodeServerProcess, nativeChaincodeServers, stopChaincodeServer } from './chaincode-servers';
import { DeployedChaincode, deployChaincode, ensureChaincodeServers, readDeployed } from './deploy';
import { describeNetwork, NetworkDescription } from './description';
import { bringUp, NodeLauncher } from './network-up';
import { nodeProcess, nodeProcesses, waitUntilRejoined } from './node-readiness';
import { killProcess, recordedCommand, recordedProcessNames, runningPid, startProcess, stopProcess } from './processes';
import { ChaincodeDeployment, NetworkRuntime, Progress } from './runtime';
import { caOrgs, findOrg, OrgSpec, topology } from './topology';

const silent: Progress = () => undefined;

/** The org and deployed package a chaincode-server stop or start acts on. */
function deployedFor(orgName: string): { org: OrgSpec; deployed: DeployedChaincode } {
  const deployed = readDeployed();
  if (!deployed) {
    throw new Error('no chaincode deployed');
  }
  return { org: findOrg(orgName), deployed };
}

const nativeLauncher: NodeLauncher = {
  start: (spec) => Promise.resolve(startProcess(spec).started),
  isRunning: (spec) => runningPid(spec) !== undefined,
  chaincodeServers: nativeChaincodeServers,
};

/** Fabric 3.1.5 as native processes, each org on its own loopback address: a CA per org, 3 Raft orderers, one peer per org, one chaincode server per org. */
export class NativeRuntime implements NetworkRuntime {
  readonly kind = 'native';

  up(progress: Progress = silent): Promise<NetworkDescription> {
    return bringUp(nativeLauncher, progress);
  }

  async down(progress: Progress = silent): Promise<void> {
    const names = recordedProcessNames();
    const stopped: string[] = [];
    await Promise.all(
      names.map(async (name) => {
        const command = recordedCommand(name);
        if (command !== undefined && (await stopProcess({ name, command }))) {
          stopped.push(name);
        }
      }),
    );
    progress(stopped.length > 0 ? `stopped ${stopped.length} processes` : 'nothing was running');
  }

  isUp(): Promise<boolean> {
    const deployed = readDeployed();
    if (!deployed) {
      return Promise.resolve(false);
    }
    const specs = [
      ...caOrgs().map(caProcess),
      ...nodeProcesses(),
      ...topology.orgs.map((org) => chaincodeServerProcess(org, deployed.slot, deployed.packageId)),
    ];
    return Promise.resolve(specs.every((spec) => runningPid(spec) !== undefined));
  }

  describe(): NetworkDescription {
    return describeNetwork();
  }

  nodeNames(): string[] {
    return nodeProcesses().map((p) => p.name);
  }

  async kill(node: string): Promise<void> {
    await killProcess(nodeProcess(node));
  }

  async restart(node: string): Promise<void> {
    startProcess(nodeProcess(node));
    await waitUntilRejoined(node);
    const deployed = readDeployed();
    if (deployed) {
      await ensureChaincodeServers(deployed);
    }
  }

  async stopChaincodeServer(orgName: string): Promise<void> {
    const { org, deployed } = deployedFor(orgName);
    if (!(await stopChaincodeServer(org, deployed.slot))) {
      throw new Error(`${org.name}'s chaincode server (${deployed.slot}) is not running`);
    }
  }

  async startChaincodeServer(orgName: string): Promise<void> {
    const { org, deployed } = deployedFor(orgName);
    await nativeChaincodeServers.start(org, deployed.slot, deployed.packageId);
  }

  async upgradeChaincode(options: { force?: boolean } = {}, progress: Progress = silent): Promise<ChaincodeDeployment> {
    return deployChaincode(progress, options);
  }
}
