import { ID } from '../../testing/identities';
import { P, World } from '../../testing/world';
import { sha256Hex } from '@scf/kernel/canonical-json';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { Invitation } from '@scf/kernel/records/invitation';
import type { Participant } from '@scf/kernel/records/participant';
import type { FakeIdentity } from '../../testing/fake-identity';

const CODE = 'inv-code-0123456789abcdef';
const HOUR = 3600;

async function invited(code = CODE, ttlSeconds = HOUR): Promise<World> {
  const world = await World.registered();
  await world.submitOk(ID.core, 'scf.participant:IssueInvitation', [sha256Hex(code), '2', String(ttlSeconds)]);
  return world;
}

function redeem(world: World, admin: FakeIdentity, code: string, id: string, who: FakeIdentity, endorsingOrgs?: string[]) {
  return world.submit(
    admin,
    'scf.participant:RegisterInvitedParticipant',
    [code, id, who.getID(), `${id} Ltd`, leiFromLabel(id)],
    endorsingOrgs ? { endorsingOrgs } : undefined,
  );
}

describe('scf.participant invitations (one-time codes on the ledger)', () => {
  it('a core enterprise invites; the Suppliers admin redeems once: a supplier of the invited tier, with its inviter', async () => {
    const world = await invited();
    const result = await redeem(world, ID.suppliersAdmin, CODE, 'sup-inv', ID.newSupplier);
    expect(result).toMatchObject({ ok: true, validation: 'VALID' });
    const participant = await world.evaluateOk<Participant>(ID.supplier1, 'scf.participant:GetParticipant', ['sup-inv']);
    expect(participant).toMatchObject({ role: 'supplier', tier: 2, invitedBy: P.core, mspId: 'SuppliersMSP', status: 'ACTIVE' });
    expect(await redeem(world, ID.suppliersAdmin, CODE, 'sup-inv2', ID.stranger)).toMatchObject({ ok: false, code: 'INVITATION_USED' });
  });

  it('stores only the hash of the code, with an expiry from the transaction timestamp', async () => {
    const world = await World.registered();
    const issued = await world.submitOk<Invitation>(ID.core, 'scf.participant:IssueInvitation', [sha256Hex(CODE), '3', '60']);
    expect(issued).toMatchObject({ codeHash: sha256Hex(CODE), tier: 3, status: 'OPEN', invitedBy: P.core, invitedByMsp: 'CoreMSP' });
    expect(JSON.stringify(issued)).not.toContain(CODE);
    expect(BigInt(issued.expiresAtSeconds)).toBe(BigInt(world.net.seconds) + 60n);
  });

  it('refuses an expired code, an unknown code, a malformed one and a duplicate hash', async () => {
    const world = await invited(CODE, 60);
    world.net.seconds += 61;
    expect(await redeem(world, ID.suppliersAdmin, CODE, 'sup-late', ID.newSupplier)).toMatchObject({
      ok: false,
      code: 'INVITATION_EXPIRED',
    });
    expect(await redeem(world, ID.suppliersAdmin, 'never-issued-code-0000', 'sup-x', ID.newSupplier)).toMatchObject({
      ok: false,
      code: 'INVITATION_UNKNOWN',
    });
    expect(await redeem(world, ID.suppliersAdmin, 'short', 'sup-x', ID.newSupplier)).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
    expect(await world.submit(ID.core, 'scf.participant:IssueInvitation', [sha256Hex(CODE), '2', '60'])).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
    for (const ttl of ['0', '2592001', 'x']) {
      expect(await world.submit(ID.core, 'scf.participant:IssueInvitation', [sha256Hex(`${CODE}-${ttl}`), '2', ttl])).toMatchObject({
        ok: false,
        code: 'INVALID_ARGUMENT',
      });
    }
  });

  it('only the Suppliers admin redeems (a supplier is a Suppliers member); a failed redemption leaves the code open', async () => {
    const world = await invited();
    expect(await redeem(world, ID.coreAdmin, CODE, 'sup-inv', ID.newSupplier)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await redeem(world, ID.supplier1, CODE, 'sup-inv', ID.newSupplier)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await redeem(world, ID.suppliersAdmin, CODE, P.supplier1, ID.newSupplier)).toMatchObject({ ok: false, code: 'ALREADY_EXISTS' });
    expect(await redeem(world, ID.suppliersAdmin, CODE, 'sup-inv', ID.newSupplier)).toMatchObject({ ok: true, validation: 'VALID' });
  });

  it("the invitation is the inviting org's: a redemption the inviter's peer did not endorse is invalid", async () => {
    const world = await invited();
    expect(await redeem(world, ID.suppliersAdmin, CODE, 'sup-inv', ID.newSupplier, ['SuppliersMSP'])).toMatchObject({
      ok: true,
      validation: 'ENDORSEMENT_POLICY_FAILURE',
    });
    expect(await redeem(world, ID.suppliersAdmin, CODE, 'sup-inv', ID.newSupplier, ['SuppliersMSP', 'CoreMSP'])).toMatchObject({
      ok: true,
      validation: 'VALID',
    });
  });
});
