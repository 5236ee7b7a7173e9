import { canonicalJson, sha256Hex } from '@scf/chaincode/domain/canonical-json';
import type { RiskInputs } from './inputs';

/** The same value with every bigint as its decimal string: what the inputs look like in JSON. */
export function toJsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (Array.isArray(value)) {
    return value.map(toJsonValue);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) {
      out[key] = toJsonValue(member);
    }
    return out;
  }
  return value;
}

/** Lower-case hex SHA-256 of the inputs' canonical JSON: key order and object identity never matter. */
export function inputsHash(inputs: RiskInputs): string {
  return sha256Hex(canonicalJson(toJsonValue(inputs)));
}
