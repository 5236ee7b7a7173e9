import { ContainerRuntime, NativeRuntime, NetworkRuntime } from '@scf/network';

/**
 * The runtime the integration tests run on: native processes by default, containers
 * (testcontainers, the images scripts/build-images.sh builds) with SCF_RUNTIME=containers.
 */
export function createRuntime(): NetworkRuntime {
  const kind = process.env.SCF_RUNTIME ?? 'native';
  switch (kind) {
    case 'native':
      return new NativeRuntime();
    case 'containers':
      return new ContainerRuntime();
    default:
      throw new Error(`SCF_RUNTIME=${kind}: no such runtime (known: native, containers)`);
  }
}
