import fs from 'node:fs';
import path from 'node:path';
import { withCatalogueTables, withRolesTable } from '@scf/kernel/catalogue/catalogue-markdown';
import { withVisibilityTable } from '@scf/kernel/visibility-markdown';

const CHAINCODE_README = path.join(__dirname, '../../../README.md');
const ROOT_README = path.join(__dirname, '../../../../README.md');

/** The README as the catalogue would write it; `npm run docs:catalogue` writes it when it differs. */
function expectGenerated(file: string, generate: (text: string) => string): void {
  const text = fs.readFileSync(file, 'utf8');
  const expected = generate(text);
  if (process.env.UPDATE_CATALOGUE_DOCS === '1' && expected !== text) {
    fs.writeFileSync(file, expected);
    return;
  }
  expect(text).toBe(expected);
}

describe('the READMEs say who may call what, as the catalogue does', () => {
  it('chaincode/README.md has, for every contract, the table the catalogue gives (npm run docs:catalogue writes them)', () => {
    expectGenerated(CHAINCODE_README, withCatalogueTables);
  });

  it("README.md's roles table lists, per role, the transactions whose access rule names it", () => {
    expectGenerated(ROOT_README, withRolesTable);
  });

  it("README.md's visibility table says, per record, who may read it, as kernel/src/visibility.ts does", () => {
    expectGenerated(ROOT_README, withVisibilityTable);
  });
});
