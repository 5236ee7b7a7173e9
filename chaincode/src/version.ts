/** Bumped with every chaincode release; returned by scf.system:Version. */
export const CHAINCODE_VERSION = '0.1.0';
