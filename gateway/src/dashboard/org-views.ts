import fs from 'node:fs';
import path from 'node:path';

/** The dashboard's views by role (gateway/dashboard/views.json): module paths relative to the dashboard folder, in tab order. */
export type ViewsByRole = Readonly<Record<string, readonly string[]>>;

export const VIEWS_FILE = 'views.json';

/** Reads views.json of the dashboard folder (its "$comment" aside). */
export function readViewsByRole(dashboardDir: string): ViewsByRole {
  const raw = JSON.parse(fs.readFileSync(path.join(dashboardDir, VIEWS_FILE), 'utf8')) as Record<string, unknown>;
  const views: Record<string, readonly string[]> = {};
  for (const [role, paths] of Object.entries(raw)) {
    if (role.startsWith('$')) {
      continue;
    }
    if (!Array.isArray(paths) || !paths.every((p): p is string => typeof p === 'string' && /^views\/[a-z0-9-]+\.js$/.test(p))) {
      throw new Error(`${VIEWS_FILE}: the views of ${role} must be a list of views/<name>.js paths`);
    }
    views[role] = paths;
  }
  return views;
}

/** The org a gateway serves the dashboard for: its name, and the roles its people have (read on each call: keys may be issued later). */
export interface DashboardOrg {
  readonly name: string;
  roles(): ReadonlySet<string>;
}

/** What the dashboard of one org's gateway shows: the org, and the views of its own roles only. */
export interface OrgDashboard {
  readonly org: string;
  readonly views: ViewsByRole;
}

export function orgDashboard(org: DashboardOrg, all: ViewsByRole): OrgDashboard {
  const roles = org.roles();
  return { org: org.name, views: Object.fromEntries(Object.entries(all).filter(([role]) => roles.has(role))) };
}

/** Whether the view module (relative to the dashboard folder) is one of the org's roles' views. */
export function servesView(dashboard: OrgDashboard, relative: string): boolean {
  return Object.values(dashboard.views).some((paths) => paths.includes(relative));
}
