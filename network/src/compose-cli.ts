import fs from 'node:fs';
import path from 'node:path';
import { composeFile, composeYaml } from './compose';

/** Writes docker-compose.yml, or the file named as the first argument (e.g. for SCF_PORT_OFFSET). */
const target = process.argv[2] !== undefined ? path.resolve(process.argv[2]) : composeFile;
fs.writeFileSync(target, composeYaml());
console.log(`wrote ${target}`);
