import { Info, Returns, Transaction } from 'fabric-contract-api';
import { registerParticipant, setParticipantStatus } from '../domain/participant';
import {
  bindLegalEntity,
  ensureParticipantIsNew,
  insertParticipant,
  listParticipantsByOrg,
  requireParticipant,
  updateParticipant,
} from '../ledger/participants';
import { getRiskKey, saveRiskKey } from '../ledger/risk-keys';
import { insertInvitation, requireInvitation, updateInvitation } from '../ledger/invitations';
import { EVENTS } from './events';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode, ensure, fail } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { parseSmallInt } from '@scf/kernel/money';
import { parseRiskPublicKey, type RiskKey } from '@scf/kernel/records/gate-decision';
import { BANK_ORGS, MAX_SUPPLIER_TIER, ROLES } from '@scf/kernel/roles';
import { parseEnum, parseId, parseMspId, parseSha256Hex, parseText } from '@scf/kernel/text';
import { txTimeFromSeconds } from '@scf/kernel/dates';
import {
  ensureRedeemable,
  type Invitation,
  invitationCodeHash,
  INVITATION_MAX_TTL_SECONDS,
  INVITATION_MIN_TTL_SECONDS,
} from '@scf/kernel/records/invitation';

/** The registry mapping certificates to participants and roles; each org's admin manages its own org. */
@Info({ title: 'ParticipantContract', description: 'Participant registry: identities, roles, suspension' })
export class ParticipantContract extends ScfContract {
  constructor() {
    super(catalogue.participant);
  }

  /** tier: '1'..'9' for suppliers, '' for every other role; legalEntityId: the company's LEI (see bindLegalEntity). */
  @Transaction()
  @Returns('string')
  public async RegisterParticipant(
    ctx: ScfContext,
    participantId: string,
    clientId: string,
    name: string,
    role: string,
    tier: string,
    legalEntityId: string,
  ): Promise<string> {
    const participant = registerParticipant(
      {
        id: parseId(participantId, 'participantId'),
        clientId,
        name: parseText(name, 'name'),
        role: parseEnum(role, 'role', ROLES),
        tier: tier === '' ? undefined : parseSmallInt(tier, 'tier', 1, MAX_SUPPLIER_TIER),
        legalEntityId,
      },
      ctx.caller.mspId,
      ctx.now.iso,
    );
    await ensureParticipantIsNew(ctx.store, participant);
    await bindLegalEntity(ctx.store, participant);
    await insertParticipant(ctx.store, participant);
    ctx.emit(EVENTS.participantRegistered, { participantId: participant.id, mspId: participant.mspId, role: participant.role });
    return toJson(participant);
  }

  /**
   * A core enterprise or a supplier invites a supplier of `tier`: the ledger keeps the code's
   * SHA-256 only, with an expiry counted from this transaction's timestamp.
   */
  @Transaction()
  @Returns('string')
  public async IssueInvitation(ctx: ScfContext, codeHash: string, tier: string, ttlSeconds: string): Promise<string> {
    const inviter = ctx.participant;
    const ttl = parseSmallInt(ttlSeconds, 'ttlSeconds', INVITATION_MIN_TTL_SECONDS, INVITATION_MAX_TTL_SECONDS);
    const expires = txTimeFromSeconds(ctx.now.seconds + BigInt(ttl));
    const invitation: Invitation = {
      codeHash: parseSha256Hex(codeHash, 'codeHash'),
      invitedBy: inviter.id,
      invitedByMsp: inviter.mspId,
      role: 'supplier',
      tier: parseSmallInt(tier, 'tier', 1, MAX_SUPPLIER_TIER),
      issuedAt: ctx.now.iso,
      expiresAtSeconds: expires.seconds.toString(),
      expiresAt: expires.iso,
      status: 'OPEN',
    };
    await insertInvitation(ctx.store, invitation);
    ctx.emit(EVENTS.invitationIssued, { invitedBy: invitation.invitedBy, mspId: invitation.invitedByMsp });
    return toJson(invitation);
  }

  /**
   * The Suppliers org admin onboards an invited supplier: the code (hashed here) must name an
   * open, unexpired invitation; the newcomer gets its tier and inviter, and the code is used up.
   */
  @Transaction()
  @Returns('string')
  public async RegisterInvitedParticipant(
    ctx: ScfContext,
    invitationCode: string,
    participantId: string,
    clientId: string,
    name: string,
    legalEntityId: string,
  ): Promise<string> {
    const invitation = ensureRedeemable(await requireInvitation(ctx.store, invitationCodeHash(invitationCode)), ctx.now.seconds);
    const registered = registerParticipant(
      {
        id: parseId(participantId, 'participantId'),
        clientId,
        name: parseText(name, 'name'),
        role: invitation.role,
        tier: invitation.tier,
        legalEntityId,
      },
      ctx.caller.mspId,
      ctx.now.iso,
    );
    const participant = { ...registered, invitedBy: invitation.invitedBy };
    await ensureParticipantIsNew(ctx.store, participant);
    await bindLegalEntity(ctx.store, participant);
    await insertParticipant(ctx.store, participant);
    await updateInvitation(ctx.store, { ...invitation, status: 'REDEEMED', redeemedBy: participant.id, redeemedAt: ctx.now.iso });
    ctx.emit(EVENTS.participantRegistered, {
      participantId: participant.id,
      mspId: participant.mspId,
      role: participant.role,
      invitedBy: invitation.invitedBy,
    });
    return toJson(participant);
  }

  @Transaction()
  @Returns('string')
  public async SuspendParticipant(ctx: ScfContext, participantId: string): Promise<string> {
    const suspended = setParticipantStatus(
      await requireParticipant(ctx.store, parseId(participantId, 'participantId')),
      'SUSPENDED',
      ctx.caller.mspId,
      ctx.now.iso,
    );
    await updateParticipant(ctx.store, suspended);
    ctx.emit(EVENTS.participantSuspended, { participantId: suspended.id, mspId: suspended.mspId });
    return toJson(suspended);
  }

  @Transaction()
  @Returns('string')
  public async ReinstateParticipant(ctx: ScfContext, participantId: string): Promise<string> {
    const active = setParticipantStatus(
      await requireParticipant(ctx.store, parseId(participantId, 'participantId')),
      'ACTIVE',
      ctx.caller.mspId,
      ctx.now.iso,
    );
    await updateParticipant(ctx.store, active);
    ctx.emit(EVENTS.participantReinstated, { participantId: active.id, mspId: active.mspId });
    return toJson(active);
  }

  /**
   * A bank org's admin registers the public key its risk gateway signs decisions with (replacing
   * the one before): the chaincode checks every approval and pledge acceptance against it.
   */
  @Transaction()
  @Returns('string')
  public async RegisterRiskKey(ctx: ScfContext, publicKeyPem: string): Promise<string> {
    const bankMsp = ctx.caller.mspId;
    ensure((BANK_ORGS as readonly string[]).includes(bankMsp), ErrorCode.FORBIDDEN, `${bankMsp} is not a bank org`);
    const key: RiskKey = {
      bankMsp,
      publicKeyPem: parseRiskPublicKey(publicKeyPem),
      registeredAt: ctx.now.iso,
      registeredBy: ctx.caller.clientId,
    };
    await saveRiskKey(ctx.store, key, await getRiskKey(ctx.store, bankMsp));
    ctx.emit(EVENTS.riskKeyRegistered, { bankMsp });
    return toJson(key);
  }

  @Transaction(false)
  @Returns('string')
  public async GetRiskKey(ctx: ScfContext, bankMsp: string): Promise<string> {
    const msp = parseMspId(bankMsp, 'bankMsp');
    return toJson((await getRiskKey(ctx.store, msp)) ?? fail(ErrorCode.NOT_FOUND, `${msp} has registered no risk key`));
  }

  /** The caller's MSP, certificate id, admin flag and participant record (if registered). */
  @Transaction(false)
  @Returns('string')
  public WhoAmI(ctx: ScfContext): Promise<string> {
    const { mspId, clientId, isAdmin, participant } = ctx.caller;
    return Promise.resolve(toJson({ mspId, clientId, isAdmin, participant: participant ?? null }));
  }

  @Transaction(false)
  @Returns('string')
  public async GetParticipant(ctx: ScfContext, participantId: string): Promise<string> {
    return toJson(await requireParticipant(ctx.store, parseId(participantId, 'participantId')));
  }

  @Transaction(false)
  @Returns('string')
  public async ListParticipantsByOrg(ctx: ScfContext, mspId: string): Promise<string> {
    return toJson(await listParticipantsByOrg(ctx.store, parseMspId(mspId, 'mspId')));
  }

  @Transaction(false)
  @Returns('string')
  public async GetParticipantHistory(ctx: ScfContext, participantId: string): Promise<string> {
    return toJson(await ctx.store.history(KeyType.participant, [parseId(participantId, 'participantId')]));
  }
}
