const SEPARATOR = '\u0000';

export interface CompositeKey {
  readonly objectType: string;
  readonly attributes: readonly string[];
}

/** Splits a Fabric composite key (`\0type\0attr…\0`); undefined for a simple key. */
export function parseCompositeKey(key: string): CompositeKey | undefined {
  if (!key.startsWith(SEPARATOR) || !key.endsWith(SEPARATOR) || key.length < 2) {
    return undefined;
  }
  const [objectType = '', ...attributes] = key.slice(1, -1).split(SEPARATOR);
  return objectType === '' ? undefined : { objectType, attributes };
}

export function compositeKey(objectType: string, attributes: readonly string[]): string {
  return `${SEPARATOR}${[objectType, ...attributes].join(SEPARATOR)}${SEPARATOR}`;
}
