import type { RouteModule } from '../route-context';
import { participantAdminRoutes } from './participants';

/**
 * The routes of an org gateway's admin listener (a second listener on the org's address, its own
 * port): only these are mounted there, and only org admin keys are valid there; none of them is on
 * the public API. Org administration added later (onboarding, invitations, revocation) appends its
 * route module here.
 */
export const adminRouteModules: readonly RouteModule[] = [participantAdminRoutes];
