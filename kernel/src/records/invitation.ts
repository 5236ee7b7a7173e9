import { sha256Hex } from '../canonical-json';
import { ErrorCode, ensure } from '../errors';

/**
 * A one-time invitation for a supplier to join (issue 17). A core enterprise (or a supplier, for
 * its own upstream) issues it at its org's gateway; the Suppliers org's admin redeems it at the
 * Suppliers gateway when onboarding the newcomer. The ledger holds only the SHA-256 of the code
 * (invitationCodeHash), never the code: the code travels from the inviter to the newcomer out of
 * band and reaches the ledger once, in the redeeming transaction, which uses it up. The key
 * belongs to the issuing org (key-level policy), so redemption needs that org's peer too.
 */
export const INVITATION_STATUSES = ['OPEN', 'REDEEMED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** Bounds of an invitation's lifetime, counted from its issuing transaction's timestamp. */
export const INVITATION_MIN_TTL_SECONDS = 1;
export const INVITATION_MAX_TTL_SECONDS = 30 * 24 * 3600;

export interface Invitation {
  /** SHA-256 (hex) of the code. */
  readonly codeHash: string;
  /** The participant who invited (a core enterprise or a supplier) and its org. */
  readonly invitedBy: string;
  readonly invitedByMsp: string;
  /** What the newcomer becomes: a supplier of this tier, in the Suppliers org. */
  readonly role: 'supplier';
  readonly tier: number;
  readonly issuedAt: string;
  /** Transaction-timestamp seconds after which the code is refused (INVITATION_EXPIRED). */
  readonly expiresAtSeconds: string;
  readonly expiresAt: string;
  readonly status: InvitationStatus;
  /** The participant the code onboarded, once REDEEMED. */
  readonly redeemedBy?: string;
  readonly redeemedAt?: string;
}

/** Codes are 16..128 characters of the URL-safe base64 alphabet (the gateway makes 32 of them from 24 random bytes). */
const CODE = /^[A-Za-z0-9_-]{16,128}$/;

export function parseInvitationCode(code: unknown, field = 'invitationCode'): string {
  ensure(typeof code === 'string' && CODE.test(code), ErrorCode.INVALID_ARGUMENT, `${field} must be 16..128 characters of [A-Za-z0-9_-]`);
  return code;
}

/** What the ledger stores and looks an invitation up by: SHA-256 (hex) of the code. */
export function invitationCodeHash(code: string): string {
  return sha256Hex(parseInvitationCode(code));
}

/**
 * Why `invitation` can't be redeemed at transaction time `nowSeconds`: used (INVITATION_USED) or
 * expired (INVITATION_EXPIRED); returns it when it can.
 */
export function ensureRedeemable(invitation: Invitation, nowSeconds: bigint): Invitation {
  ensure(invitation.status === 'OPEN', ErrorCode.INVITATION_USED, 'this invitation code was already used');
  ensure(
    nowSeconds <= BigInt(invitation.expiresAtSeconds),
    ErrorCode.INVITATION_EXPIRED,
    `this invitation code expired at ${invitation.expiresAt}`,
  );
  return invitation;
}
