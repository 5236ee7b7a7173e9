import path from 'node:path';

/** The repository root: gateway/dist/src/ when built, gateway/src/ under ts-jest. */
function findRepoRoot(): string {
  const here = __dirname;
  const marker = `${path.sep}gateway${path.sep}`;
  const index = here.lastIndexOf(marker);
  return index >= 0 ? here.slice(0, index) : path.resolve(here, '..', '..');
}

export const repoRoot = findRepoRoot();

/** The data folder (SCF_DATA_DIR, else .data of the repository): the orgs' folders and the gateways' state. */
export const dataDir = process.env.SCF_DATA_DIR ?? path.join(repoRoot, '.data');
