import './container-env';
import integrationTeardown from '../harness/global-teardown';

export default async function globalTeardown(): Promise<void> {
  if (process.env.SCF_CONTAINERS_UNAVAILABLE === undefined) {
    await integrationTeardown();
  }
}
