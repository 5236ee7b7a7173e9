import { FakeIdentity } from '../../testing/fake-identity';
import { TestNetwork } from '../../testing/harness';
import { ID } from '../../testing/identities';
import { P, World } from '../../testing/world';
import type { Participant } from '@scf/kernel/records/participant';
import { CLIENT_CERT } from '@scf/kernel/testing/certificates';
import { leiFromLabel } from '@scf/kernel/legal-entity';

describe('scf.participant', () => {
  it('an org admin registers its own participants; the registry maps certificate ids to them', async () => {
    const world = await World.registered();
    const me = await world.evaluateOk<{ mspId: string; isAdmin: boolean; participant: Participant }>(
      ID.supplier2,
      'scf.participant:WhoAmI',
      [],
    );
    expect(me).toMatchObject({
      mspId: 'SuppliersMSP',
      isAdmin: false,
      participant: { id: P.supplier2, role: 'supplier', tier: 2, status: 'ACTIVE' },
    });
    const admin = await world.evaluateOk<{ isAdmin: boolean; participant: null }>(ID.bankAAdmin, 'scf.participant:WhoAmI', []);
    expect(admin).toMatchObject({ isAdmin: true, participant: null });
  });

  it('admin-ness comes from the certificate, not from the id string', async () => {
    const net = new TestNetwork();
    const impostor = new FakeIdentity('BankAMSP', 'x509::/C=US/OU=admin/CN=Admin@banka.scf.local::/CN=ca.banka.scf.local', CLIENT_CERT);
    const result = await net.submit(impostor, 'scf.participant:RegisterParticipant', [
      'x',
      ID.bankAOfficer.getID(),
      'X',
      'bank',
      '',
      leiFromLabel('x'),
    ]);
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('refuses a role the admin org may not host, a duplicate id and a duplicate identity', async () => {
    const world = await World.registered();
    const register = (admin: FakeIdentity, id: string, who: FakeIdentity, role: string, tier = ''): ReturnType<World['submit']> =>
      world.submit(admin, 'scf.participant:RegisterParticipant', [id, who.getID(), 'Name', role, tier, leiFromLabel(id)]);
    expect(await register(ID.suppliersAdmin, 'fake-bank', ID.stranger, 'bank')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await register(ID.suppliersAdmin, P.supplier1, ID.stranger, 'supplier', '1')).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
    expect(await register(ID.suppliersAdmin, 'sup-dup', ID.supplier1, 'supplier', '1')).toMatchObject({
      ok: false,
      code: 'ALREADY_EXISTS',
    });
    expect(await register(ID.suppliersAdmin, 'sup9', ID.stranger, 'supplier', '01')).toMatchObject({ ok: false, code: 'INVALID_ARGUMENT' });
  });

  it('binds a legal entity to the org that registered it first; its second participant id shares its invoices', async () => {
    const world = await World.withLines();
    const lei = leiFromLabel(P.supplier1);
    const register = (admin: FakeIdentity, id: string, role: string, tier: string, legalEntityId = lei): ReturnType<World['submit']> =>
      world.submit(admin, 'scf.participant:RegisterParticipant', [
        id,
        ID.newSupplier.getID(),
        'Supplier One, desk 2',
        role,
        tier,
        legalEntityId,
      ]);
    expect(await register(ID.suppliersAdmin, 'sup1-desk2', 'supplier', '1', 'NOT-AN-LEI')).toMatchObject({
      ok: false,
      code: 'INVALID_ARGUMENT',
    });
    expect(await register(ID.coreAdmin, 'core-claims-sup1', 'core-enterprise', '')).toMatchObject({ ok: false, code: 'ENTITY_CLAIMED' });
    await world.submitOk(ID.suppliersAdmin, 'scf.participant:RegisterParticipant', [
      'sup1-desk2',
      ID.newSupplier.getID(),
      'Supplier One, desk 2',
      'supplier',
      '1',
      lei,
    ]);
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', [
      'r1',
      P.core,
      'INV-2024-0042',
      'USD',
      '100',
      '2025-01-05',
      '2025-04-01',
    ]);
    // Cyrillic І, Greek Ν, Arabic-Indic digits: the same invoice to a person, from the same company's other participant id.
    const lookAlike = ['r2', P.core, 'ІΝV-٢٠٢٤-٠٠٤٢', 'USD', '100', '2025-01-05', '2025-04-01'];
    expect(await world.submit(ID.newSupplier, 'scf.receivable:IssueReceivable', lookAlike)).toMatchObject({
      ok: false,
      code: 'DUPLICATE_FINGERPRINT',
    });
    expect(await world.submit(ID.supplier2, 'scf.receivable:IssueReceivable', lookAlike)).toMatchObject({ ok: true });
  });

  it('only the own org admin suspends; a suspended participant can do nothing until reinstated', async () => {
    const world = await World.withLines();
    expect(await world.submit(ID.coreAdmin, 'scf.participant:SuspendParticipant', [P.supplier1])).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    await world.submitOk(ID.suppliersAdmin, 'scf.participant:SuspendParticipant', [P.supplier1]);
    const issue = ['r1', P.core, 'INV-1', 'USD', '100', '2025-01-05', '2025-04-01'];
    expect(await world.submit(ID.supplier1, 'scf.receivable:IssueReceivable', issue)).toMatchObject({ ok: false, code: 'SUSPENDED' });
    expect(await world.net.evaluate(ID.supplier1, 'scf.receivable:GetReceivable', ['r1'])).toMatchObject({ ok: false, code: 'SUSPENDED' });
    await world.submitOk(ID.suppliersAdmin, 'scf.participant:ReinstateParticipant', [P.supplier1]);
    await world.submitOk(ID.supplier1, 'scf.receivable:IssueReceivable', issue);
  });

  it('lists an org and keeps history', async () => {
    const world = await World.registered();
    const banks = await world.evaluateOk<Participant[]>(ID.auditor, 'scf.participant:ListParticipantsByOrg', ['BankAMSP']);
    expect(banks.map((p) => [p.id, p.role])).toEqual([
      [P.bankAGateway, 'risk-gateway'],
      [P.bankAOfficer, 'bank'],
    ]);
    await world.submitOk(ID.bankAAdmin, 'scf.participant:SuspendParticipant', [P.bankAGateway]);
    const history = await world.evaluateOk<{ value: Participant }[]>(ID.bankAAdmin, 'scf.participant:GetParticipantHistory', [
      P.bankAGateway,
    ]);
    expect(history.map((h) => h.value.status)).toEqual(['SUSPENDED', 'ACTIVE']);
  });

  it('errors are JSON with a stable code', async () => {
    const world = await World.registered();
    const result = await world.net.evaluate(ID.auditor, 'scf.participant:GetParticipant', ['nobody']);
    expect(result).toMatchObject({ ok: false, raw: '{"code":"NOT_FOUND","message":"participant nobody does not exist"}' });
  });
});
