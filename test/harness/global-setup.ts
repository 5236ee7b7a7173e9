import { registerDemoParticipants } from '@scf/gateway/demo/register-demo-participants';
import { createRuntime } from './runtime';

/** Brings the network up, or reuses the one `npm start` left running; remembers which for teardown. */
export default async function globalSetup(): Promise<void> {
  const runtime = createRuntime();
  const wasUp = await runtime.isUp();
  const started = Date.now();
  const log = (message: string): void => {
    process.stdout.write(`[network ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
  };
  log(wasUp ? 'reusing the running network' : `starting the ${runtime.kind} network for the tests`);
  const network = await runtime.up(log);
  await registerDemoParticipants(network, log);
  (globalThis as { scfStartedNetwork?: boolean }).scfStartedNetwork = !wasUp;
}
