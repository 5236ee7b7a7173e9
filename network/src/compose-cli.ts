import fs from 'node:fs';
import { composeFile, composeYaml } from './compose';

fs.writeFileSync(composeFile, composeYaml());
console.log(`wrote ${composeFile}`);
