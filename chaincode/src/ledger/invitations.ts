import type { Store } from './store';
import { ErrorCode, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import type { Invitation } from '@scf/kernel/records/invitation';

/** The invitation of a code hash; INVITATION_UNKNOWN when no code of that hash was issued. */
export async function requireInvitation(store: Store, codeHash: string): Promise<Invitation> {
  return (
    (await store.get<Invitation>(KeyType.invitation, [codeHash])) ??
    fail(ErrorCode.INVITATION_UNKNOWN, 'no invitation was issued with this code')
  );
}

/**
 * A new invitation belongs to the inviter's org: its creation is guarded by that org's guard and
 * its key-level policy is that org's peer, so its redemption (which marks it REDEEMED) can't
 * commit without the inviting org's endorsement, and no other org can reopen or alter it.
 */
export async function insertInvitation(store: Store, invitation: Invitation): Promise<void> {
  await store.ensureAbsent(KeyType.invitation, [invitation.codeHash], 'an invitation with this code');
  await store.put(KeyType.invitation, [invitation.codeHash], invitation);
  await store.guardCreation([invitation.invitedByMsp]);
  await store.protect([invitation.invitedByMsp], [KeyType.invitation, [invitation.codeHash]]);
}

export async function updateInvitation(store: Store, invitation: Invitation): Promise<void> {
  await store.put(KeyType.invitation, [invitation.codeHash], invitation);
}
