import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { caHome } from './crypto';
import { fabricCaBin } from './paths';
import { ProcessSpec, runningPid, startProcess } from './processes';
import { healthy, portOpen, waitUntil } from './readiness';
import { Progress } from './runtime';
import { caOrgs, CaOrgSpec, endpoint } from './topology';

/**
 * One fabric-ca-server per org (the orderer org too), on the org's own address, HTTPS only. It
 * serves two CAs: `ca`, which issues the org's signing identities (its MSP: nodes, admin, users),
 * and `tlsca`, which issues TLS certificates only. Two CAs, so a TLS key (which sits on more
 * machines: every node, the chaincode servers) can never sign a transaction as an org member, and
 * a TLS client certificate of the org (which the chaincode servers accept) is not what any user
 * holds. One server for both: one process and one port per org instead of two (the CA user's guide
 * calls this a dual-headed CA, one database).
 */
export const CA_NAME = 'ca';
export const TLS_CA_NAME = 'tlsca';
const REGISTRAR = 'admin';

export const caUrl = (org: CaOrgSpec): string => `https://${endpoint(org.address, org.ca.listen)}`;
/** The server's own TLS certificate is issued at start by the identity CA: clients trust ca-cert.pem. */
export const caServerTlsRoot = (org: CaOrgSpec): string => path.join(caHome(org), 'ca-cert.pem');
export const caCertFile = (org: CaOrgSpec): string => path.join(caHome(org), 'ca-cert.pem');
export const tlsCaCertFile = (org: CaOrgSpec): string => path.join(caHome(org), TLS_CA_NAME, 'ca-cert.pem');
export const registrarSecretFile = (org: CaOrgSpec): string => path.join(caHome(org), 'registrar.secret');
const tlsCaConfigFile = (org: CaOrgSpec): string => path.join(caHome(org), TLS_CA_NAME, 'fabric-ca-config.yaml');

/** The bootstrap registrar's secret, made once and kept in the org's CA folder (readable by the org only). */
export function registrarSecret(org: CaOrgSpec): { id: string; secret: string } {
  const file = registrarSecretFile(org);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return { id: REGISTRAR, secret: fs.readFileSync(file, 'utf8').trim() };
}

/** The TLS CA's own configuration (a CA file of the server): its name, subject and the same registrar. */
function tlsCaConfigYaml(org: CaOrgSpec): string {
  const { id, secret } = registrarSecret(org);
  return `ca:
  name: ${TLS_CA_NAME}
csr:
  cn: ${TLS_CA_NAME}.${org.domain}
  names:
    - O: ${org.name}
registry:
  maxenrollments: -1
  identities:
    - name: ${id}
      pass: ${secret}
      type: client
      affiliation: ""
      attrs:
        hf.Registrar.Roles: "*"
        hf.Registrar.DelegateRoles: "*"
        hf.Registrar.Attributes: "*"
        hf.Revoker: true
        hf.GenCRL: true
        hf.AffiliationMgr: true
`;
}

/** fabric-ca-server's arguments for the org's CA (its folder, address, ports, the TLS CA's config). */
export function caServerArgs(org: CaOrgSpec): string[] {
  return [
    'start',
    '--home',
    caHome(org),
    '--address',
    org.address,
    '--port',
    String(org.ca.listen),
    '--tls.enabled',
    '--ca.name',
    CA_NAME,
    '--csr.cn',
    `${CA_NAME}.${org.domain}`,
    '--csr.hosts',
    `${CA_NAME}.${org.domain},${org.address}`,
    '--operations.listenaddress',
    endpoint(org.address, org.ca.operations),
    '--cafiles',
    tlsCaConfigFile(org),
  ];
}

export function caProcess(org: CaOrgSpec): ProcessSpec {
  const home = caHome(org);
  const { id, secret } = registrarSecret(org);
  const { PATH, HOME, LANG } = process.env;
  return {
    name: `ca-${org.name}`,
    command: fabricCaBin('fabric-ca-server'),
    args: caServerArgs(org),
    // The bootstrap registrar (used when the server makes its configuration, at its first start)
    // comes from the environment, not the command line any local user can read.
    env: { PATH, HOME, LANG, FABRIC_CA_SERVER_BOOT: `${id}:${secret}` },
    cwd: home,
  };
}

/** The CA's files before its first start: its folder (the org's only) and the TLS CA's configuration. */
export function prepareCaHome(org: CaOrgSpec): void {
  fs.mkdirSync(path.join(caHome(org), TLS_CA_NAME), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(tlsCaConfigFile(org))) {
    fs.writeFileSync(tlsCaConfigFile(org), tlsCaConfigYaml(org), { mode: 0o600 });
  }
}

export function caIsRunning(org: CaOrgSpec): boolean {
  return runningPid(caProcess(org)) !== undefined;
}

/**
 * How a runtime runs a CA: given the server's process definition, starts it unless it runs and
 * resolves to whether it started now. Natively a detached process (pid in the data folder).
 */
export type CaLauncher = (spec: ProcessSpec, org: CaOrgSpec) => Promise<boolean>;

const nativeCa: CaLauncher = async (spec, org) => {
  if (runningPid(spec) === undefined && (await portOpen(org.ca.listen, org.address))) {
    throw new Error(
      `${org.address}:${String(org.ca.listen)} (${org.name}'s CA) is already in use by a process this data folder did not start: stop it or move this network with SCF_PORT_OFFSET`,
    );
  }
  return startProcess(spec).started;
};

/** Starts the org's CA unless it runs, and waits until it answers /healthz and HTTPS. */
export async function startCa(org: CaOrgSpec, launch: CaLauncher = nativeCa): Promise<boolean> {
  prepareCaHome(org);
  const started = await launch(caProcess(org), org);
  await waitUntil(`${org.name} CA /healthz`, () => healthy(org.ca.operations, org.address), 60_000);
  await waitUntil(`${org.name} CA on ${caUrl(org)}`, () => portOpen(org.ca.listen, org.address), 60_000);
  await waitUntil(
    `${org.name} CA certificates`,
    () => Promise.resolve(fs.existsSync(caCertFile(org)) && fs.existsSync(tlsCaCertFile(org))),
    30_000,
  );
  return started;
}

/** Every org's CA, started together. */
export async function startCas(progress: Progress, launch: CaLauncher = nativeCa): Promise<void> {
  const started = await Promise.all(caOrgs().map((org) => startCa(org, launch)));
  const now = started.filter(Boolean).length;
  progress(`${started.length} certificate authorities healthy (${now} started now, ${started.length - now} already running)`);
}
