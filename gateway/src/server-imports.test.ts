/** Unit test: an org's gateway finds its way from its own connection config, never from the development network package. */
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\('([^']+)'\)|require\('([^']+)'\)/g;

/** Every module specifier reachable from `entry` through relative imports. */
function reachableImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) {
      return;
    }
    files.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      if (specifier.startsWith('.')) {
        const base = path.resolve(path.dirname(file), specifier);
        const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
        if (target !== undefined) {
          visit(target);
        }
      } else {
        packages.add(specifier);
      }
    }
  };
  visit(entry);
  return { files, packages };
}

describe("the gateway process's imports", () => {
  it('never reach the development network package (@scf/network)', () => {
    const { files, packages } = reachableImports(path.join(__dirname, 'server.ts'));
    expect(files.size).toBeGreaterThan(50);
    expect(packages).toContain('@hyperledger/fabric-gateway');
    expect([...packages].filter((p) => p === '@scf/network' || p.startsWith('@scf/network/'))).toEqual([]);
  });
});
