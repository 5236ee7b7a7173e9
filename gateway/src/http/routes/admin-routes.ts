import type { RouteModule } from '../route-context';
import { participantAdminRoutes } from './participants';

/**
 * The routes of an org gateway's admin listener (a second listener on the org's address, its own
 * port): only these are mounted there, and only org admin keys are valid there; none of them is on
 * the public API. New org administration appends its route module here; the onboarding module
 * (admin-onboarding.ts: onboarding and offboarding through the org's CA), which needs the org's
 * CA from its connection config, is mounted by server.ts next to these.
 */
export const adminRouteModules: readonly RouteModule[] = [participantAdminRoutes];
