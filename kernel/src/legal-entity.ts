import { ErrorCode, ensure } from './errors';
import { sha256Hex } from './canonical-json';

/**
 * A participant's legal entity: the company behind it, as an ISO 17442 Legal Entity Identifier
 * (LEI): 18 upper-case letters or digits and two check digits (ISO 7064 MOD 97-10, as in IBANs).
 * One scheme only, on purpose: a company with ids in two schemes could otherwise register
 * twice as two "entities". The registering org vouches for it (as it does for the name and
 * role); the chaincode checks the shape and the check digits, and binds each entity to the
 * first org that registers it (see chaincode/src/ledger/participants.ts).
 * Fingerprints (invoice, goods lot) key on it, so two participant ids of one company share them.
 */
const LEI = /^[0-9A-Z]{18}[0-9]{2}$/;

/** The LEI's characters as the digits MOD 97-10 works on: "0"-"9" as themselves, "A" = 10 … "Z" = 35. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

export function isValidLei(text: string): boolean {
  return LEI.test(text) && mod97(text) === 1;
}

export function parseLegalEntityId(text: unknown, field: string): string {
  ensure(
    typeof text === 'string' && isValidLei(text),
    ErrorCode.INVALID_ARGUMENT,
    `${field} must be an ISO 17442 LEI: 18 upper-case letters or digits and two valid check digits`,
  );
  return text;
}

/** The LEI with `base` (18 upper-case letters or digits) and its check digits. */
export function leiWithCheckDigits(base: string): string {
  ensure(/^[0-9A-Z]{18}$/.test(base), ErrorCode.INVALID_ARGUMENT, 'an LEI base is 18 upper-case letters or digits');
  return `${base}${(98 - mod97(`${base}00`)).toString().padStart(2, '0')}`;
}

/**
 * A well-formed LEI derived from a label (SHA-256 of it): for demo and test participants,
 * which have no real LEI. Different labels give different ids; the same label the same id.
 */
export function leiFromLabel(label: string): string {
  return leiWithCheckDigits(sha256Hex(`scf.lei:${label}`).slice(0, 18).toUpperCase());
}
