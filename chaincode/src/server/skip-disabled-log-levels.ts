// Side effect, imported first by main.ts: patch fabric-shim's and fabric-contract-api's logger
// modules (their exports objects themselves, which every fabric-shim module asks for its logger)
// before the rest of fabric-shim loads.
import contractApiLogger from 'fabric-contract-api/lib/logger';
import shimLogger from 'fabric-shim/lib/logger';
import { skipDisabledLevelsOf } from './disabled-log-levels';

skipDisabledLevelsOf(shimLogger);
skipDisabledLevelsOf(contractApiLogger);
