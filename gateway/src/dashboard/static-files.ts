import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
};

/** A relative URL path of plain segments: no `..`, no dot-files, no backslashes or NULs. */
const SAFE_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/** The folder holding package.json, searched upwards: the same from src/ (ts-jest) and from dist/src/ (node). */
export function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no package.json above ${from}`);
    }
  }
}

export interface StaticFile {
  readonly path: string;
  readonly contentType: string;
}

/**
 * The file `relative` names inside `root`, or undefined when the path is not a plain relative
 * path to an existing regular file of a served type (so `..`, encoded slashes and dot-files
 * never leave the folder).
 */
export function resolveStaticFile(root: string, relative: string): StaticFile | undefined {
  const segments = relative.split('/');
  if (relative.length === 0 || relative.length > 200 || !segments.every((segment) => SAFE_SEGMENT.test(segment))) {
    return undefined;
  }
  const contentType = CONTENT_TYPES[path.extname(relative).toLowerCase()];
  if (contentType === undefined) {
    return undefined;
  }
  const file = path.join(root, ...segments);
  try {
    return fs.statSync(file).isFile() ? { path: file, contentType } : undefined;
  } catch {
    return undefined;
  }
}
