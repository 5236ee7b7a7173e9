// Side effect, imported first by main.ts: patch both logger modules (their exports objects
// themselves, which every fabric-shim module asks) before fabric-shim's other modules load.
import contractApiLogger from 'fabric-contract-api/lib/logger';
import shimLogger from 'fabric-shim/lib/logger';
import { skipDisabledLevelsOf } from './disabled-log-levels';

skipDisabledLevelsOf(shimLogger);
skipDisabledLevelsOf(contractApiLogger);
