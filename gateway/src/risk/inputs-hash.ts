import type { RiskInputs } from './inputs';
import { canonicalJson, sha256Hex } from '@scf/kernel/canonical-json';

/**
 * The same value with every bigint as its decimal string: what the inputs look like in JSON.
 * Copy-on-write: arrays and objects holding no bigint (most of a transfer graph) are returned
 * as they are, not copied.
 */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return arrayToJson(value);
  }
  if (typeof value === 'object' && value !== null) {
    return objectToJson(value as Record<string, unknown>);
  }
  return value;
}

function arrayToJson(value: readonly unknown[]): unknown {
  let copy: unknown[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const member: unknown = value[i];
    const converted = toJsonValue(member);
    if (copy === undefined && converted !== member) {
      copy = value.slice(0, i);
    }
    copy?.push(converted);
  }
  return copy ?? value;
}

function objectToJson(source: Record<string, unknown>): unknown {
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    const member = source[key];
    const converted = toJsonValue(member);
    if (copy === undefined && converted !== member) {
      copy = { ...source };
    }
    if (copy !== undefined) {
      copy[key] = converted;
    }
  }
  return copy ?? source;
}

/** Lower-case hex SHA-256 of the inputs' canonical JSON: key order and object identity never matter. */
export function inputsHash(inputs: RiskInputs): string {
  return sha256Hex(canonicalJson(toJsonValue(inputs)));
}
