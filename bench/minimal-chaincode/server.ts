/**
 * The benchmark's minimal chaincode (network/src/minimal-chaincode.ts deploys it): fabric-shim's
 * ChaincodeInterface directly, no fabric-contract-api, no metadata, no registry read, no
 * key-level policy. Every invoke is one putState of a new key: the cheapest write Fabric can
 * endorse, what our scf.system:Heartbeat is compared with. Deterministic: the value holds only
 * the argument and the transaction's id and timestamp.
 *
 *   node server.js --chaincode-address <org address>:<port> --chaincode-id <package id> \
 *     --chaincode-tls-cert-file … --chaincode-tls-key-file … --chaincode-tls-client-cacert-file …
 */
import { type ChaincodeInterface, type ChaincodeStub, Shim } from 'fabric-shim';
import fs from 'node:fs';

const minimal: ChaincodeInterface = {
  Init: () => Promise.resolve(Shim.success()),
  async Invoke(stub: ChaincodeStub) {
    const [label] = stub.getStringArgs().slice(1);
    if (label === undefined || label.length === 0) {
      return Shim.error('a label is needed');
    }
    const value = JSON.stringify({ label, txId: stub.getTxID(), unixSeconds: stub.getTxTimestamp().seconds.toString() });
    await stub.putState(`hb\u0000${label}`, Buffer.from(value));
    return Shim.success(Buffer.from(value));
  },
};

function option(name: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? undefined : process.argv[index + 1];
  if (value === undefined) {
    throw new Error(`--${name} is required`);
  }
  return value;
}

Shim.server(minimal, {
  ccid: option('chaincode-id'),
  address: option('chaincode-address'),
  tlsProps: {
    key: fs.readFileSync(option('chaincode-tls-key-file')),
    cert: fs.readFileSync(option('chaincode-tls-cert-file')),
    clientCACerts: fs.readFileSync(option('chaincode-tls-client-cacert-file')),
  },
})
  .start()
  .catch((error: unknown) => {
    process.stderr.write(`minimal chaincode server: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
