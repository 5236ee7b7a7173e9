import { readModelRoutes } from './search';
import { creditLineRoutes } from './credit-lines';
import { financingRoutes } from './financings';
import { participantRoutes } from './participants';
import { receivableRoutes } from './receivables';
import { repaymentRoutes } from './payments';
import type { RouteModule } from '../route-context';
import { warehouseRoutes } from './warehouse';

/** The REST routes of the chaincode's contracts, registered by server.ts after the built-in ones. */
export const ledgerRouteModules: readonly RouteModule[] = [
  participantRoutes,
  creditLineRoutes,
  receivableRoutes,
  financingRoutes,
  warehouseRoutes,
  repaymentRoutes,
  readModelRoutes,
];
