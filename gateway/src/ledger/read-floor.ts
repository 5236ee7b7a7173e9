import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A request's read floor: the block its caller saw commit elsewhere (X-SCF-Min-Block). Ledger calls
 * made while handling that request wait (boundedly) until the org's peer holds it. It belongs to
 * that request alone: a floor one caller names never delays another caller's calls.
 */
const floors = new AsyncLocalStorage<bigint>();

/** Runs `next` (and everything it starts) with `blockNumber` as its read floor. */
export function withReadFloor(blockNumber: bigint, next: () => void): void {
  floors.run(blockNumber, next);
}

/** The read floor of the request being handled, if it named one. */
export function currentReadFloor(): bigint | undefined {
  return floors.getStore();
}
