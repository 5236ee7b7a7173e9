export * from './description';
export * from './gateway-client';
export type { Contract, Gateway } from '@hyperledger/fabric-gateway';
export * from './runtime';
export { NativeRuntime } from './native-runtime';
export { portTable, topology } from './topology';
export { readDeployed } from './deploy';
export { endorsementPolicy } from './lifecycle';
export { dataDir, fabricHome, repoRoot } from './paths';
