import './container-env';
import { containerEngineProblem } from '@scf/network';
import integrationSetup from '../harness/global-setup';

/**
 * Starts (or reuses) the network on the container runtime. Without a container engine or the
 * images, says why and leaves SCF_CONTAINERS_UNAVAILABLE for the tests, which then skip.
 */
export default async function globalSetup(): Promise<void> {
  const problem = await containerEngineProblem();
  if (problem !== undefined) {
    process.env.SCF_CONTAINERS_UNAVAILABLE = problem;
    process.stdout.write(`\n[containers] SKIPPING the container runtime tests: ${problem}\n`);
    return;
  }
  process.stdout.write(`\n[containers] ports offset by ${process.env.SCF_PORT_OFFSET ?? '0'}, data in ${process.env.SCF_DATA_DIR ?? ''}\n`);
  await integrationSetup();
}
