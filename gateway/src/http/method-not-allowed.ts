import type { FastifyInstance } from 'fastify';

/** One registered route pattern, split into segments (`:name` matches any one segment, `*` the rest). */
interface Pattern {
  readonly segments: readonly string[];
  readonly methods: Set<string>;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

function matches(pattern: readonly string[], path: readonly string[]): boolean {
  for (const [index, segment] of pattern.entries()) {
    if (segment === '*') {
      return true;
    }
    const actual = path[index];
    if (actual === undefined || (!segment.startsWith(':') && segment !== actual)) {
      return false;
    }
  }
  return pattern.length === path.length;
}

/**
 * The methods each registered route pattern answers, so that a request for a path that exists
 * with a method it does not declare is 405 (with `Allow`) rather than 404. Filled by an onRoute
 * hook, so it must be installed before the routes are registered.
 */
export class RouteMethods {
  readonly #patterns = new Map<string, Pattern>();

  add(url: string, methods: string | readonly string[]): void {
    const pattern = this.#patterns.get(url) ?? { segments: segmentsOf(url), methods: new Set<string>() };
    for (const method of typeof methods === 'string' ? [methods] : methods) {
      pattern.methods.add(method.toUpperCase());
    }
    this.#patterns.set(url, pattern);
  }

  /** The methods some route answers at `path` (a request path without its query), sorted; empty when no route has that path. */
  allowedAt(path: string): string[] {
    const segments = segmentsOf(path);
    const allowed = new Set<string>();
    for (const pattern of this.#patterns.values()) {
      if (matches(pattern.segments, segments)) {
        for (const method of pattern.methods) {
          allowed.add(method);
        }
      }
    }
    return [...allowed].sort();
  }
}

export function collectRouteMethods(app: FastifyInstance): RouteMethods {
  const routes = new RouteMethods();
  app.addHook('onRoute', (route) => {
    routes.add(route.url, route.method);
  });
  return routes;
}
