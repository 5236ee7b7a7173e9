import type { Logger } from 'winston';

/** What fabric-shim's and fabric-contract-api's logger modules export. */
export interface LoggerModule {
  getLogger(name?: string): Logger;
}

const quieted = new WeakSet<Logger>();

/**
 * Makes a call at a disabled level return at once. winston hands every call, whatever its
 * level, to a stream pipeline that drops it only at the end: with the chaincode server at
 * WARNING, fabric-shim's and fabric-contract-api's debug and info calls (several per
 * transaction and per ledger call) were ≈ 17% of a loaded server's CPU, for nothing written.
 * The level is checked on every call (winston's own isLevelEnabled, the test its transports
 * apply), so a level raised at run time still logs; enabled levels log exactly as before.
 */
export function skipDisabledLevels(logger: Logger): Logger {
  if (quieted.has(logger)) {
    return logger;
  }
  quieted.add(logger);
  const methods = logger as unknown as Record<string, unknown>;
  for (const level of Object.keys(logger.levels)) {
    const write = methods[level];
    if (typeof write === 'function') {
      methods[level] = (...args: unknown[]): unknown =>
        logger.isLevelEnabled(level) ? (write as (...a: unknown[]) => unknown).apply(logger, args) : logger;
    }
  }
  return logger;
}

/** Every logger `module` hands out from now on (and those it handed out before, when asked again) skips disabled levels. */
export function skipDisabledLevelsOf(module: LoggerModule): void {
  const getLogger = module.getLogger.bind(module);
  module.getLogger = (name?: string): Logger => skipDisabledLevels(getLogger(name));
}
