import path from 'node:path';

/**
 * The container runtime's defaults for the "containers" Jest project: its own ports and data
 * folder, so it runs beside a native network (`npm start`) on the same machine. Imported before
 * @scf/network, which reads these when it loads.
 */
process.env.SCF_RUNTIME = 'containers';
process.env.SCF_PORT_OFFSET ??= '20000';
process.env.SCF_DATA_DIR ??= path.resolve(__dirname, '..', '..', '.data-containers');
// The gateway containers (docker/gateway.Dockerfile) carry no PKCS#11 module and mount only their
// org's folder: on this runtime the banks' risk gateways keep key files (README, "Bank keys in an HSM").
process.env.SCF_HSM ??= 'off';
