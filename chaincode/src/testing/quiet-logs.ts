// fabric-contract-api logs every decorator at info level when a contract module loads;
// tests only want warnings. Imported before the contracts (test code only).
process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'WARNING';
