import { createRuntime } from './runtime';

/** Stops the network only if the tests started it; a network from `npm start` keeps running. */
export default async function globalTeardown(): Promise<void> {
  if ((globalThis as { scfStartedNetwork?: boolean }).scfStartedNetwork) {
    await createRuntime().down((m) => process.stdout.write(`[network] ${m}\n`));
  }
}
