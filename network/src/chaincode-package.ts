import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run } from './exec';
import { ChaincodeSlot } from './nodes';
import { chaincodeDir, dirs, kernelDir } from './paths';

/** Compiled tests and source maps ship in dist/ but never run on a peer: they don't make a new version. */
function isRuntimeFile(name: string): boolean {
  return !/\.(map|tsbuildinfo)$/.test(name) && !/\.test\.(js|d\.ts)$/.test(name);
}

/**
 * sha256 over the built chaincode (dist/, package.json, the collections), the built kernel it imports
 * (kernel/dist, kernel/package.json) and the connection.json
 * template: a change to either makes a new package, so a network made before a change to how peers
 * reach the servers (e.g. TLS) moves to the next sequence instead of keeping the old connection.
 */
export function chaincodeCodeHash(): string {
  const hash = crypto.createHash('sha256');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testing' && entry.name !== 'tests') {
          walk(full);
        }
      } else if (isRuntimeFile(entry.name)) {
        files.push(full);
      }
    }
  };
  const dist = path.join(chaincodeDir, 'dist');
  if (!fs.existsSync(dist)) {
    throw new Error('chaincode/dist is missing: run `npm run build` first');
  }
  walk(dist);
  files.push(path.join(chaincodeDir, 'package.json'));
  const kernelDist = path.join(kernelDir, 'dist');
  if (!fs.existsSync(kernelDist)) {
    throw new Error('kernel/dist is missing: run `npm run build` first');
  }
  walk(kernelDist);
  files.push(path.join(kernelDir, 'package.json'));
  const collections = collectionsConfigPath();
  if (collections) {
    files.push(collections);
  }
  for (const file of files) {
    hash.update(path.relative(chaincodeDir, file));
    hash.update('\0');
    hash.update(fs.readFileSync(file));
  }
  hash.update('connection.json\0');
  hash.update(connectionJson('slotA'));
  return hash.digest('hex');
}

export function collectionsConfigPath(): string | undefined {
  const file = path.join(chaincodeDir, 'collections_config.json');
  return fs.existsSync(file) ? file : undefined;
}

export interface ChaincodePackage {
  readonly label: string;
  readonly file: string;
  readonly slot: ChaincodeSlot;
}

/**
 * A ccaas package: metadata.json plus code.tar.gz holding connection.json. Address and TLS material
 * are templates the ccaas builder fills from each peer's CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG
 * (nodes.ts, chaincodeBuilderContext), so one package (one package id) points each org's peer at its
 * own chaincode server over mutual TLS: it trusts its org's TLS CA and presents its own TLS certificate. Tarred with fixed
 * mtimes and owners so the same code always gives the same package id.
 */
export async function buildPackage(codeHash: string, slot: ChaincodeSlot): Promise<ChaincodePackage> {
  const label = `scf_${codeHash.slice(0, 16)}_${slot}`;
  const file = await writeCcaasPackage(label, connectionJson(slot));
  return { label, file, slot };
}

/**
 * Writes the ccaas package `<label>.tar.gz` (metadata.json plus code.tar.gz holding connection.json)
 * into the chaincode folder, byte for byte the same for the same inputs, and returns its path.
 */
export async function writeCcaasPackage(label: string, connection: string): Promise<string> {
  const work = path.join(dirs.chaincode, label);
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(path.join(work, 'src'), { recursive: true });
  fs.writeFileSync(path.join(work, 'src', 'connection.json'), connection);
  fs.writeFileSync(path.join(work, 'metadata.json'), `${JSON.stringify({ label, type: 'ccaas' }, null, 2)}\n`);
  const tarFlags = '--sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu';
  const file = path.join(dirs.chaincode, `${label}.tar.gz`);
  await run('bash', [
    '-c',
    `set -eo pipefail; cd "$1" && tar ${tarFlags} -C src -cf - connection.json | gzip -n > code.tar.gz && tar ${tarFlags} -cf - code.tar.gz metadata.json | gzip -n > "$2"`,
    'package',
    work,
    file,
  ]);
  return file;
}

/** The package's connection.json: templates the ccaas builder fills per peer (see buildPackage). */
function connectionJson(slot: ChaincodeSlot): string {
  const connection = {
    address: `{{.${slot}}}`,
    dial_timeout: '10s',
    tls_required: true,
    client_auth_required: true,
    root_cert: '{{.rootCert}}',
    client_cert: '{{.clientCert}}',
    client_key: '{{.clientKey}}',
  };
  return `${JSON.stringify(connection, null, 2)}\n`;
}
