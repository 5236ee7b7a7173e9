import { SystemContract } from './contracts/system-contract';

export { SystemContract };

/** The contracts fabric-shim serves, first one is the default. */
export const contracts: (new () => object)[] = [SystemContract];
