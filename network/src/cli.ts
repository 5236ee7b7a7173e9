import { writeBundle } from './bundle';
import { NativeRuntime } from './native-runtime';
import { checkGateways } from './gateway-containers';
import { checkNetwork } from './network-check';
import { dataDir } from './paths';
import { portTable } from './topology';
import fs from 'node:fs';

const started = Date.now();
const progress = (message: string): void => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[network ${seconds}s] ${message}`);
};

/** `bundle <org> <folder>`: what one org needs to run its peer elsewhere (bundle.ts). */
function bundle([org, out]: string[]): void {
  if (!org || !out) {
    console.error('usage: node network/dist/src/cli.js bundle <org> <empty folder>');
    process.exitCode = 2;
    return;
  }
  const written = writeBundle(org, out);
  progress(`${org}'s bundle: ${written.files} files in ${written.dir} (FABRIC_HOME=… ${written.dir}/start-peer.sh, then join-channel.sh)`);
}

async function main(command: string | undefined): Promise<void> {
  const runtime = new NativeRuntime();
  switch (command) {
    case 'up': {
      const network = await runtime.up(progress);
      progress('network is up');
      console.log(`\nchannel ${network.channel}, chaincode ${network.chaincode}; each org on its own loopback address:`);
      for (const row of portTable()) {
        console.log(`  ${`${row.address}:${String(row.port)}`.padEnd(18)} ${row.process.padEnd(20)} ${row.purpose}`);
      }
      console.log(`data and logs: ${dataDir}`);
      return;
    }
    case 'down':
      await runtime.down(progress);
      return;
    case 'reset':
      await runtime.down(progress);
      fs.rmSync(dataDir, { recursive: true, force: true });
      progress(`removed ${dataDir}`);
      return;
    case 'upgrade': {
      const deployed = await runtime.upgradeChaincode({ force: process.argv.includes('--force') }, progress);
      progress(`chaincode ${deployed.version} committed at sequence ${deployed.sequence}`);
      return;
    }
    case 'status': {
      const up = await runtime.isUp();
      console.log(up ? 'up' : 'down');
      process.exitCode = up ? 0 : 1;
      return;
    }
    case 'bundle':
      bundle(process.argv.slice(3));
      return;
    case 'check':
      await checkNetwork(progress);
      progress('the network endorses, orders and commits for every org');
      return;
    case 'check-gateways':
      await checkGateways(progress);
      return;
    default:
      console.error('usage: node network/dist/src/cli.js up|down|reset|upgrade|status|check|check-gateways|bundle <org> <folder>');
      process.exitCode = 2;
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(`[network] failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
