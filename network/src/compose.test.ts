import fs from 'node:fs';
import os from 'node:os';
import { composeFile, composeYaml } from './compose';
import { dataDir, fabricHome, repoRoot } from './paths';
import { caOrgs, peerName, portTable, topology } from './topology';

const committed = fs.readFileSync(composeFile, 'utf8');

/** The lines of each `services:` entry of a block-style YAML file, by service name. */
function serviceBlocks(yaml: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let section = '';
  let current: string[] | undefined;
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) {
      section = line;
      current = undefined;
      continue;
    }
    const service = section === 'services:' ? /^ {2}([^\s#][^:]*):$/.exec(line)?.[1] : undefined;
    if (service !== undefined) {
      current = [];
      blocks.set(service.replace(/^"|"$/g, ''), current);
    } else {
      current?.push(line);
    }
  }
  return blocks;
}

/** The lines under one key of a service block. */
function keyLines(block: readonly string[], key: string): string[] {
  const start = block.indexOf(`    ${key}:`);
  if (start < 0) {
    return [];
  }
  const end = block.findIndex((line, i) => i > start && /^ {4}\S/.test(line));
  return block.slice(start + 1, end < 0 ? undefined : end);
}

const blocks = serviceBlocks(committed);
const mentions = (lines: readonly string[], port: number): boolean =>
  lines.some((line) => new RegExp(`(?<![\\d.])${port}(?!\\d)`).test(line));

describe('docker-compose.yml', () => {
  it('is what `npm run compose:generate` writes (run it after changing the topology or nodes.ts)', () => {
    expect(committed).toBe(composeYaml());
  });

  it('has every orderer, a CA per org, and a peer, a chaincode server and a gateway per org, and the three setup steps', () => {
    expect(blocks.size).toBe(topology.orderers.length + caOrgs().length + 3 * topology.orgs.length + 3);
    expect(blocks.has('ca-setup') && blocks.has('artifacts') && blocks.has('network')).toBe(true);
  });

  /** The host folders a service mounts (the part before the first colon of each volume). */
  const mountsOf = (service: string): string[] =>
    keyLines(blocks.get(service) ?? [], 'volumes')
      .filter((line) => line.trim() !== '')
      .map((line) => line.replace(/^\s+- "?/, '').split(':')[0] ?? '');

  it("mounts into each org's CA, peer, chaincode server and gateway its own org's folder and nothing of another org", () => {
    const orgFolder = (org: string): string => `./.data/orgs/${org}`;
    const problems: string[] = [];
    for (const org of caOrgs()) {
      const lower = org.name.toLowerCase();
      const services = [
        `ca-${lower}`,
        ...(org.name === topology.ordererOrg.name ? topology.orderers.map((o) => o.name) : []),
        ...topology.orgs.filter((o) => o.name === org.name).flatMap((o) => [peerName(o), `chaincode-${lower}-slota`, `gateway-${lower}`]),
      ];
      for (const service of services) {
        const mounts = mountsOf(service);
        const data = mounts.filter((m) => m === '.' || m.startsWith('./.data'));
        if (!data.some((m) => m.startsWith(orgFolder(org.name)))) {
          problems.push(`${service} does not mount ${org.name}'s folder`);
        }
        problems.push(
          ...data
            .filter((m) => !(m === orgFolder(org.name) || m.startsWith(`${orgFolder(org.name)}/`)))
            .filter((m) => !['./.data/ledgers/', './.data/chaincode', `./.data/gateway/${org.name}`].some((ok) => m.startsWith(ok)))
            .map((m) => `${service} mounts ${m}`),
        );
      }
    }
    expect(problems).toEqual([]);
    // The CA sees its own folder only; the gateway its org's folder read-only and its own state.
    expect(mountsOf('ca-banka')).toEqual(['./.data/orgs/BankA/ca']);
    expect(keyLines(blocks.get('gateway-banka') ?? [], 'volumes').map((line) => line.trim())).toEqual([
      '- ./.data/orgs/BankA:/var/scf/orgs/BankA:ro',
      '- ./.data/gateway/BankA:/var/scf/gateway/BankA',
    ]);
  });

  it("starts each org's gateway on its org's own address once the network is ready, each CA once its folder is prepared", () => {
    for (const org of topology.orgs) {
      const block = blocks.get(`gateway-${org.name.toLowerCase()}`) ?? [];
      expect(keyLines(block, 'environment').map((line) => line.trim())).toEqual([`GATEWAY_ORG: ${org.name}`, 'SCF_DATA_DIR: /var/scf']);
      expect(keyLines(keyLines(block, 'depends_on'), '  network').join('\n')).toContain('service_completed_successfully');
    }
    for (const org of caOrgs()) {
      const command = keyLines(blocks.get(`ca-${org.name.toLowerCase()}`) ?? [], 'command').join('\n');
      expect(command).toContain(`--address ${org.address} --port ${org.ca.listen}`);
      expect(command).not.toMatch(/FABRIC_CA_SERVER_BOOT=\\?"admin:[^$]/);
    }
  });

  it('starts the nodes only once the crypto material exists', () => {
    const nodes = [...topology.orderers.map((o) => o.name), ...topology.orgs.map(peerName)];
    const waiting = nodes.filter((name) =>
      keyLines(keyLines(blocks.get(name) ?? [], 'depends_on'), '  artifacts')
        .join('\n')
        .includes('service_completed_successfully'),
    );
    expect(waiting).toEqual(nodes);
  });

  it("puts every port an orderer or peer listens on in that node's environment", () => {
    const serviceOf = new Map<string, string>([
      ...topology.orderers.map((o): [string, string] => [o.name, o.name]),
      ...topology.orgs.map((org): [string, string] => [`${org.name} peer`, peerName(org)]),
    ]);
    const rows = portTable().filter((row) => serviceOf.has(row.process));
    expect(rows).toHaveLength(3 * (topology.orderers.length + topology.orgs.length));
    const missing = rows.filter((row) => !mentions(keyLines(blocks.get(serviceOf.get(row.process) ?? '') ?? [], 'environment'), row.port));
    expect(missing).toEqual([]);
  });

  it("starts each org's slot A chaincode server on its port", () => {
    const missing = topology.orgs.filter(
      (org) => !mentions(keyLines(blocks.get(`chaincode-${org.name.toLowerCase()}-slota`) ?? [], 'command'), org.peer.chaincodeServers[0]),
    );
    expect(missing).toEqual([]);
  });

  it('starts every chaincode server with TLS and client certificates, and gives each peer its builder context from a file', () => {
    const servers = topology.orgs.map((org) =>
      keyLines(blocks.get(`chaincode-${org.name.toLowerCase()}-slota`) ?? [], 'command').join('\n'),
    );
    for (const flag of ['--chaincode-tls-cert-file', '--chaincode-tls-key-file', '--chaincode-tls-client-cacert-file']) {
      expect(servers.filter((command) => !command.includes(flag))).toEqual([]);
    }
    const peers = topology.orgs.map((org) => blocks.get(peerName(org)) ?? []);
    expect(peers.filter((block) => !keyLines(block, 'command').join('\n').includes('CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'))).toEqual([]);
    expect(peers.filter((block) => keyLines(block, 'environment').join('\n').includes('BEGIN'))).toEqual([]);
  });

  it('holds no path of this machine, only paths relative to the repository', () => {
    for (const hostPath of [repoRoot, dataDir, fabricHome, os.homedir()]) {
      expect(committed).not.toContain(hostPath);
    }
    const sources = [...blocks.values()].flatMap((block) =>
      keyLines(block, 'volumes')
        .filter((line) => line.trim() !== '')
        .map((line) => line.replace(/^\s+- "?/, '').split(':')[0]),
    );
    expect(sources.length).toBeGreaterThan(0);
    expect(
      sources.filter((source) => source === undefined || !(source === '.' || source.startsWith('./') || /^[\w.-]+$/.test(source))),
    ).toEqual([]);
  });

  it('uses host networking for every service', () => {
    expect([...blocks].filter(([, block]) => !block.includes('    network_mode: host')).map(([name]) => name)).toEqual([]);
  });
});
