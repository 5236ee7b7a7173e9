import { ApiError } from '../http/api-error';
import type { ChainSnapshot } from './snapshot';
import { runStress } from './stress/engine';
import type { StressResult } from './stress/result';
import type { StressScenario } from './stress/scenario';
import { ErrorCode } from '@scf/kernel/errors';

function notFound(what: string): never {
  throw new ApiError(ErrorCode.NOT_FOUND, `${what} is not in the read model at this height`);
}

/** Runs a scenario after checking that what it shocks exists: a typo is a 404, not an all-zero result. */
export function runCheckedStress(snapshot: ChainSnapshot, scenario: StressScenario): StressResult {
  const role = (id: string): string | undefined => snapshot.participants.find((p) => p.id === id)?.role;
  switch (scenario.kind) {
    case 'core-default':
    case 'core-late':
      if (role(scenario.coreId) !== 'core-enterprise') {
        notFound(`core enterprise ${scenario.coreId}`);
      }
      break;
    case 'supplier-failure':
      if (role(scenario.supplierId) !== 'supplier') {
        notFound(`supplier ${scenario.supplierId}`);
      }
      break;
    case 'price-fall':
      if (!snapshot.prices.some((p) => p.commodity === scenario.commodity)) {
        notFound(`a price for commodity ${scenario.commodity}`);
      }
      break;
  }
  return runStress(snapshot, scenario);
}
