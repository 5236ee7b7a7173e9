// Side effect, imported by main.ts after the loggers are patched and before fabric-shim's CLI:
// fabric-contract-api's dispatch reads fabric-shim's ClientIdentity export when it loads.
import shim from 'fabric-shim/lib/chaincode';
import { rememberingClientIdentity } from './client-identity';

shim.ClientIdentity = rememberingClientIdentity(shim.ClientIdentity);
