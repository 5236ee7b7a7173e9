import { createLogger } from 'winston';
import { skipDisabledLevels, skipDisabledLevelsOf } from './disabled-log-levels';

type Logger = ReturnType<typeof createLogger>;

/** A winston logger at `level` whose writes are recorded (as "level message") instead of sent on. */
function logger(level: string): { log: Logger; written: string[] } {
  const log = createLogger({ level });
  const written: string[] = [];
  jest.spyOn(log, 'write').mockImplementation((info: { level: string; message: string }) => {
    written.push(`${info.level} ${info.message}`);
    return true;
  });
  return { log, written };
}

describe('skipDisabledLevels', () => {
  it('hands on the enabled levels only', () => {
    const { log, written } = logger('warn');
    skipDisabledLevels(log);
    log.debug('d');
    log.info('i', { extra: 1 });
    log.warn('w');
    log.error('e');
    expect(written).toEqual(['warn w', 'error e']);
  });

  it('follows a level changed at run time, patched once however often asked', () => {
    const { log, written } = logger('warn');
    skipDisabledLevels(skipDisabledLevels(log));
    log.level = 'debug';
    log.debug('now');
    expect(written).toEqual(['debug now']);
  });

  it('patches the loggers a logger module hands out', () => {
    const { log, written } = logger('error');
    const loggers = { getLogger: jest.fn<Logger, [string?]>(() => log) };
    skipDisabledLevelsOf(loggers);
    loggers.getLogger('x').info('skipped');
    loggers.getLogger('x').error('kept');
    expect(written).toEqual(['error kept']);
  });
});
