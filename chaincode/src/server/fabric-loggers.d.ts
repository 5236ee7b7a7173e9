// fabric-shim's and fabric-contract-api's logger modules (CommonJS, not part of their typed API):
// each exports getLogger(name), which hands out one winston logger per name.
declare module 'fabric-shim/lib/logger' {
  import type { Logger } from 'winston';
  const loggers: { getLogger(name?: string): Logger };
  export = loggers;
}
declare module 'fabric-contract-api/lib/logger' {
  import type { Logger } from 'winston';
  const loggers: { getLogger(name?: string): Logger };
  export = loggers;
}
