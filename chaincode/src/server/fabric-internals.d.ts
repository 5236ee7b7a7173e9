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
// fabric-shim's main module (CommonJS; the same object `require('fabric-shim')` returns): its
// ClientIdentity export is what fabric-contract-api's dispatch constructs for every call.
declare module 'fabric-shim/lib/chaincode' {
  import type { ChaincodeStub, ClientIdentity } from 'fabric-shim';
  const shim: { ClientIdentity: new (stub: ChaincodeStub) => ClientIdentity };
  export = shim;
}
// fabric-shim's DataMarshall (CommonJS class): handleParameters turns a call's argument bytes into
// the transaction function's arguments, by the contract metadata's parameter schemas.
declare module 'fabric-shim/lib/contract-spi/datamarshall' {
  class DataMarshall {
    constructor(requestedSerializer: string, serializers: Record<string, unknown>, components: Record<string, unknown>);
    handleParameters: (
      this: DataMarshall,
      fn: import('./string-parameters').MarshalledFunction,
      parameters: readonly Uint8Array[],
      loggerPrefix: string,
    ) => unknown[];
  }
  export = DataMarshall;
}
