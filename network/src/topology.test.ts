import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths';
import { portTable, portTableMarkdown, topology } from './topology';

describe('the port table', () => {
  it('has six orgs with one peer each and three orderers, every port distinct and unprivileged', () => {
    expect(topology.orgs.map((o) => o.name)).toEqual(['BankA', 'BankB', 'Core', 'Suppliers', 'Warehouse', 'Auditor']);
    expect(topology.orderers).toHaveLength(3);
    const ports = portTable().map((r) => r.port);
    expect(new Set(ports).size).toBe(ports.length);
    expect(ports.every((p) => p > 1024 && p < 65536)).toBe(true);
  });

  it('is the one in the README', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(readme).toContain(portTableMarkdown());
  });
});
