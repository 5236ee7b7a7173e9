import { call, tx } from '@scf/kernel/catalogue/catalogue';
import { type Invitation, invitationCodeHash } from '@scf/kernel/records/invitation';
import crypto from 'node:crypto';
import type { Ledger } from '../ledger/ledger';
import { type Committed, submitJson } from '../usecases/ledger-json';

/**
 * Invitation codes (kernel/src/records/invitation.ts): made here from 24 random bytes, shown once
 * to the inviter and stored nowhere; the ledger keeps only their SHA-256, so any org's gateway
 * (the Suppliers gateway, where the newcomer is onboarded) can redeem them, once, before expiry.
 */
export interface IssuedInvitation extends Committed<Invitation> {
  /** Shown once, to the inviter; never stored. */
  readonly code: string;
}

/** The caller (a core enterprise or a supplier) invites a supplier of `tier` for `ttlSeconds`. */
export async function issueInvitation(ledger: Ledger, tier: number, ttlSeconds: number): Promise<IssuedInvitation> {
  const code = crypto.randomBytes(24).toString('base64url');
  const issued = await submitJson<Invitation>(
    ledger,
    call(tx.participant.IssueInvitation, { codeHash: invitationCodeHash(code), tier: String(tier), ttlSeconds: String(ttlSeconds) }),
  );
  return { ...issued, code };
}
