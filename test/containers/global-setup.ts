import './container-env';
import { containerEngineProblem } from '@scf/network';
import integrationSetup from '../harness/global-setup';

/**
 * Starts (or reuses) the network on the container runtime. Without a container engine or the
 * images, says why and leaves SCF_CONTAINERS_UNAVAILABLE for the tests, which then skip; with
 * SCF_REQUIRE_CONTAINERS=1 (CI) it fails instead.
 */
export default async function globalSetup(): Promise<void> {
  const problem = await containerEngineProblem();
  if (problem !== undefined) {
    if (process.env.SCF_REQUIRE_CONTAINERS === '1') {
      throw new Error(`the container runtime can't run here (SCF_REQUIRE_CONTAINERS=1): ${problem}`);
    }
    process.env.SCF_CONTAINERS_UNAVAILABLE = problem;
    process.stdout.write(`\n[containers] SKIPPING the container runtime tests: ${problem}\n`);
    return;
  }
  process.stdout.write(`\n[containers] ports offset by ${process.env.SCF_PORT_OFFSET ?? '0'}, data in ${process.env.SCF_DATA_DIR ?? ''}\n`);
  await integrationSetup();
}
