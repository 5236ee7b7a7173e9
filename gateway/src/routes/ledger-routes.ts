import { auditRoutes } from '../audit/audit-routes';
import { readModelRoutes } from '../readmodel/search-routes';
import { creditLineRoutes } from './credit-line-routes';
import { financingRoutes } from './financing-routes';
import { participantRoutes } from './participant-routes';
import { receivableRoutes } from './receivable-routes';
import { repaymentRoutes } from './repayment-routes';
import type { RouteModule } from './route-context';
import { warehouseRoutes } from './warehouse-routes';

/** The REST routes of the chaincode's contracts, registered by server.ts after the built-in ones. */
export const ledgerRouteModules: readonly RouteModule[] = [
  participantRoutes,
  creditLineRoutes,
  receivableRoutes,
  financingRoutes,
  warehouseRoutes,
  repaymentRoutes,
  readModelRoutes,
  auditRoutes,
];
