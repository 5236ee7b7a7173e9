/**
 * The chaincode server's entry: fabric-shim's own command line (`server --chaincode-address …
 * --module-path …`, network/src/chaincode-servers.ts), after fabric-shim's and
 * fabric-contract-api's loggers were made to skip disabled levels at once (disabled-log-levels.ts)
 * fabric-shim's ClientIdentity to remember its certificate parse (client-identity.ts), its
 * stub to send a transaction's writes in one batch (batch-writes.ts), and its DataMarshall to take
 * string arguments as they are (string-parameters.ts).
 * The order matters: the logger modules are patched before the rest of fabric-shim loads and
 * asks them for its loggers.
 */
import './skip-disabled-log-levels';
import './remember-client-identities';
import './batch-writes';
import './plain-string-parameters';
import 'fabric-shim/cli';
