import { NativeRuntime, NetworkRuntime } from '@scf/network';

/**
 * The runtime the integration tests run on. Native processes by default; SCF_RUNTIME names
 * another implementation of NetworkRuntime once one exists.
 */
export function createRuntime(): NetworkRuntime {
  const kind = process.env.SCF_RUNTIME ?? 'native';
  if (kind === 'native') {
    return new NativeRuntime();
  }
  throw new Error(`SCF_RUNTIME=${kind}: no such runtime (known: native)`);
}
