import fs from 'node:fs';
import path from 'node:path';
import { withCatalogueTables } from '@scf/kernel/catalogue/catalogue-markdown';

const README = path.join(__dirname, '../../../README.md');

describe('the README says who may call what, as the catalogue does', () => {
  it('has, for every contract, the table the catalogue gives (npm run docs:catalogue writes them)', () => {
    const text = fs.readFileSync(README, 'utf8');
    const expected = withCatalogueTables(text);
    if (process.env.UPDATE_CATALOGUE_DOCS === '1' && expected !== text) {
      fs.writeFileSync(README, expected);
      return;
    }
    expect(text).toBe(expected);
  });
});
