import { Info, Returns, Transaction } from 'fabric-contract-api';
import {
  acceptPledge,
  cancelPledge,
  issueReceipt,
  markPledgeTermsRecorded,
  pledgeAcceptanceResult,
  redeemReceipt,
  releasePledge,
  requestPledge,
  revaluePledge,
} from '../domain/warehouse';
import { requireParticipant } from '../ledger/participants';
import { claimFingerprint, ensureFingerprintFree } from '../ledger/receivables';
import {
  getPrice,
  insertReceipt,
  listLivePledges,
  listReceiptsByOwner,
  requirePledge,
  requirePrice,
  requireReceipt,
  savePledge,
  savePrice,
  updateReceipt,
} from '../ledger/warehouse';
import { requireSignedDecision } from '../ledger/risk-keys';
import { EVENTS } from './events';
import { ReadScope } from './read-scope';
import { type Loan, readSealedTerms, storeTerms } from './private-terms-support';
import { ScfContext, toJson } from './scf-context';
import { ScfContract } from './scf-contract';
import { catalogue, fcn, tx } from '@scf/kernel/catalogue/catalogue';
import { ErrorCode, ensure } from '@scf/kernel/errors';
import { KeyType } from '@scf/kernel/keys';
import { formatAmount, parseBps, parsePositiveAmount } from '@scf/kernel/money';
import type { CommodityPrice, Pledge } from '@scf/kernel/records/warehouse';
import { BANK_ORGS } from '@scf/kernel/roles';
import { parseCurrency, parseEnum, parseId, parseText } from '@scf/kernel/text';

function loanOf(pledge: Pledge): Loan {
  return { kind: 'pledge', id: pledge.id, bankMsp: pledge.bankMsp, borrowerMsp: pledge.ownerMsp };
}

async function requireOwnBankPledge(ctx: ScfContext, pledgeId: string): Promise<Pledge> {
  const pledge = await requirePledge(ctx.store, parseId(pledgeId, 'pledgeId'));
  ensure(pledge.bankMsp === ctx.caller.mspId, ErrorCode.FORBIDDEN, `pledge ${pledge.id} is to ${pledge.bankMsp}`);
  return pledge;
}

/** Warehouse receipts for goods, oracle prices, and pledges of receipts to banks. */
@Info({ title: 'WarehouseContract', description: 'Warehouse receipts, commodity prices, pledges and margin calls' })
export class WarehouseContract extends ScfContract {
  constructor() {
    super(catalogue.warehouse);
  }

  /** The warehouse issues a receipt to `ownerId` for one lot; a lot (warehouse, location, lotId) backs one receipt ever. */
  @Transaction()
  @Returns('string')
  public async IssueReceipt(
    ctx: ScfContext,
    receiptId: string,
    ownerId: string,
    lotId: string,
    commodity: string,
    grade: string,
    unit: string,
    quantity: string,
    location: string,
  ): Promise<string> {
    const owner = await requireParticipant(ctx.store, parseId(ownerId, 'ownerId'));
    const receipt = issueReceipt(
      {
        id: parseId(receiptId, 'receiptId'),
        lotId: parseId(lotId, 'lotId'),
        commodity: parseId(commodity, 'commodity'),
        grade: parseId(grade, 'grade'),
        unit: parseId(unit, 'unit'),
        quantity: parsePositiveAmount(quantity, 'quantity'),
        location: parseText(location, 'location', 100),
      },
      ctx.participant,
      owner,
      ctx.now.iso,
    );
    await ctx.store.ensureAbsent(KeyType.receipt, [receipt.id], `warehouse receipt ${receipt.id}`);
    await ensureFingerprintFree(ctx.store, receipt.lotFingerprint);
    await insertReceipt(ctx.store, receipt);
    await claimFingerprint(ctx.store, receipt.lotFingerprint, { assetType: 'warehouse-receipt', assetId: receipt.id }, [
      receipt.warehouseMsp,
      receipt.ownerMsp,
    ]);
    ctx.emit(EVENTS.receiptIssued, {
      receiptId: receipt.id,
      ownerId: receipt.ownerId,
      commodity: receipt.commodity,
      quantity: receipt.quantity,
    });
    return toJson(receipt);
  }

  /** Goods withdrawn: only an unpledged receipt, by the warehouse that issued it. */
  @Transaction()
  @Returns('string')
  public async RedeemReceipt(ctx: ScfContext, receiptId: string): Promise<string> {
    const current = await requireReceipt(ctx.store, parseId(receiptId, 'receiptId'));
    const redeemed = redeemReceipt(current, ctx.participant.id, ctx.now.iso);
    await updateReceipt(ctx.store, redeemed, current);
    ctx.emit(EVENTS.receiptRedeemed, { receiptId: redeemed.id });
    return toJson(redeemed);
  }

  /** The oracle sets a unit price (minor units); every live pledge on that commodity is revalued. */
  @Transaction()
  @Returns('string')
  public async SetPrice(
    ctx: ScfContext,
    commodity: string,
    grade: string,
    unit: string,
    currency: string,
    pricePerUnit: string,
  ): Promise<string> {
    const price: CommodityPrice = {
      commodity: parseId(commodity, 'commodity'),
      grade: parseId(grade, 'grade'),
      unit: parseId(unit, 'unit'),
      currency: parseCurrency(currency, 'currency'),
      pricePerUnit: formatAmount(parsePositiveAmount(pricePerUnit, 'pricePerUnit')),
      setBy: ctx.participant.id,
      setAt: ctx.now.iso,
    };
    const changed: Pledge[] = [];
    for (const pledge of await listLivePledges(ctx.store, price.commodity, price.grade, price.unit)) {
      const revalued = revaluePledge(pledge, price, ctx.now.iso);
      if (revalued !== pledge) {
        changed.push(revalued);
        await savePledge(ctx.store, revalued, pledge);
      }
    }
    await savePrice(ctx.store, price, ctx.caller.mspId);
    ctx.emit(EVENTS.priceSet, {
      commodity: price.commodity,
      grade: price.grade,
      unit: price.unit,
      currency: price.currency,
      pricePerUnit: price.pricePerUnit,
      pledges: changed.map((p) => ({ pledgeId: p.id, status: p.status })),
    });
    return toJson({ price, changedPledges: changed });
  }

  /** The receipt's owner asks `bankMsp` for a loan against it. */
  @Transaction()
  @Returns('string')
  public async RequestPledge(ctx: ScfContext, pledgeId: string, receiptId: string, bankMsp: string, loanAmount: string): Promise<string> {
    const id = parseId(pledgeId, 'pledgeId');
    const receipt = await requireReceipt(ctx.store, parseId(receiptId, 'receiptId'));
    const pledge = requestPledge(
      id,
      receipt,
      ctx.participant.id,
      parseEnum(bankMsp, 'bankMsp', BANK_ORGS),
      parsePositiveAmount(loanAmount, 'loanAmount'),
      ctx.now.iso,
    );
    await ctx.store.ensureAbsent(KeyType.pledge, [id], `pledge ${id}`);
    await savePledge(ctx.store, pledge, undefined, receipt.warehouseMsp);
    ctx.emit(EVENTS.pledgeRequested, { pledgeId: id, receiptId: receipt.id, bankMsp: pledge.bankMsp, loanAmount: pledge.loanAmount });
    return toJson(pledge);
  }

  @Transaction()
  @Returns('string')
  public async CancelPledge(ctx: ScfContext, pledgeId: string): Promise<string> {
    const pledge = await requirePledge(ctx.store, parseId(pledgeId, 'pledgeId'));
    const cancelled = cancelPledge(pledge, ctx.participant.id, ctx.now.iso);
    await savePledge(ctx.store, cancelled, pledge);
    ctx.emit(EVENTS.pledgeCancelled, { pledgeId: cancelled.id });
    return toJson(cancelled);
  }

  /**
   * The bank accepts: loan ≤ value × (1 − haircut) at today's price; one active pledge per receipt.
   * Returns `{pledge, valuation}`: the price, value and haircut it accepted at, for the gateway's re-check.
   * Only with the bank risk gate's signed decision for these terms at the current price (ledger/risk-keys.ts).
   */
  @Transaction()
  @Returns('string')
  public async AcceptPledge(
    ctx: ScfContext,
    pledgeId: string,
    haircutBps: string,
    maintenanceRatioBps: string,
    decisionJson: string,
  ): Promise<string> {
    const pledge = await requireOwnBankPledge(ctx, pledgeId);
    const receipt = await requireReceipt(ctx.store, pledge.receiptId);
    const price = await requirePrice(ctx.store, receipt.commodity, receipt.grade, receipt.unit);
    const acceptance = {
      haircutBps: parseBps(haircutBps, 'haircutBps', 9_999n),
      maintenanceRatioBps: parseBps(maintenanceRatioBps, 'maintenanceRatioBps', 100_000n),
    };
    // The bank's risk gate signed these very terms, at this price: an officer cannot accept others.
    const binding = {
      pledgeId: pledge.id,
      receiptId: pledge.receiptId,
      loanAmount: pledge.loanAmount,
      haircutBps: acceptance.haircutBps.toString(),
      maintenanceRatioBps: acceptance.maintenanceRatioBps.toString(),
      priceSetAt: price.setAt,
    };
    await requireSignedDecision(ctx.store, decisionJson, 'pledge-acceptance', pledge.bankMsp, binding, ctx.now.seconds);
    const accepted = acceptPledge(pledge, receipt, price, acceptance, ctx.now.iso);
    await savePledge(ctx.store, accepted.pledge, pledge);
    await updateReceipt(ctx.store, accepted.receipt, receipt, pledge.bankMsp);
    ctx.emit(EVENTS.pledgeAccepted, { pledgeId: pledge.id, receiptId: receipt.id, bankMsp: pledge.bankMsp, loanAmount: pledge.loanAmount });
    return toJson(pledgeAcceptanceResult(accepted.pledge, receipt, price, acceptance.haircutBps));
  }

  /** The bank confirms the loan is repaid and frees the receipt. */
  @Transaction()
  @Returns('string')
  public async ReleasePledge(ctx: ScfContext, pledgeId: string): Promise<string> {
    const pledge = await requireOwnBankPledge(ctx, pledgeId);
    const receipt = await requireReceipt(ctx.store, pledge.receiptId);
    const released = releasePledge(pledge, receipt, ctx.now.iso);
    await savePledge(ctx.store, released.pledge, pledge);
    await updateReceipt(ctx.store, released.receipt, receipt);
    ctx.emit(EVENTS.pledgeReleased, { pledgeId: pledge.id, receiptId: pledge.receiptId });
    return toJson(released.pledge);
  }

  /** Like scf.financing:RecordTerms, for a pledge loan: transient "terms", bank × owner-org collection. */
  @Transaction()
  @Returns('string')
  public async RecordPledgeTerms(ctx: ScfContext, pledgeId: string): Promise<string> {
    const pledge = await requireOwnBankPledge(ctx, pledgeId);
    const marked = markPledgeTermsRecorded(pledge, ctx.now.iso);
    await storeTerms(ctx, loanOf(pledge));
    await savePledge(ctx.store, marked, pledge);
    ctx.emit(EVENTS.pledgeTermsRecorded, { pledgeId: pledge.id, bankMsp: pledge.bankMsp });
    return toJson({ pledgeId: pledge.id, termsRecorded: true });
  }

  /** The pledge's bank or owner reads its private terms, sealed to the caller's certificate key. */
  @Transaction(false)
  @Returns('string')
  public async GetPledgeTerms(ctx: ScfContext, pledgeId: string): Promise<string> {
    const pledge = await requirePledge(ctx.store, parseId(pledgeId, 'pledgeId'));
    const isBank = ctx.participant.role === 'bank' && ctx.caller.mspId === pledge.bankMsp;
    ensure(
      isBank || ctx.participant.id === pledge.ownerId,
      ErrorCode.FORBIDDEN,
      `only the bank or the owner of pledge ${pledge.id} may read its terms`,
    );
    return readSealedTerms(ctx, loanOf(pledge), fcn(tx.warehouse.GetPledgeTerms));
  }

  @Transaction(false)
  @Returns('string')
  public async GetReceipt(ctx: ScfContext, receiptId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const receipt = await requireReceipt(ctx.store, parseId(receiptId, 'receiptId'));
    return toJson(scope.require(await scope.seesReceipt(receipt), receipt, `receipt ${receipt.id}`));
  }

  @Transaction(false)
  @Returns('string')
  public async GetPledge(ctx: ScfContext, pledgeId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const pledge = await requirePledge(ctx.store, parseId(pledgeId, 'pledgeId'));
    return toJson(scope.require(scope.seesPledge(pledge), pledge, `pledge ${pledge.id}`));
  }

  @Transaction(false)
  @Returns('string')
  public async GetPrice(ctx: ScfContext, commodity: string, grade: string, unit: string): Promise<string> {
    return toJson((await getPrice(ctx.store, parseId(commodity, 'commodity'), parseId(grade, 'grade'), parseId(unit, 'unit'))) ?? null);
  }

  @Transaction(false)
  @Returns('string')
  public async ListReceiptsByOwner(ctx: ScfContext, ownerId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    return toJson(await scope.filter(await listReceiptsByOwner(ctx.store, parseId(ownerId, 'ownerId')), (r) => scope.seesReceipt(r)));
  }

  @Transaction(false)
  @Returns('string')
  public async GetReceiptHistory(ctx: ScfContext, receiptId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const receipt = await requireReceipt(ctx.store, parseId(receiptId, 'receiptId'));
    scope.require(await scope.seesReceipt(receipt), receipt, `receipt ${receipt.id}`);
    return toJson(await ctx.store.history(KeyType.receipt, [receipt.id]));
  }

  @Transaction(false)
  @Returns('string')
  public async GetPledgeHistory(ctx: ScfContext, pledgeId: string): Promise<string> {
    const scope = new ReadScope(ctx);
    const pledge = await requirePledge(ctx.store, parseId(pledgeId, 'pledgeId'));
    scope.require(scope.seesPledge(pledge), pledge, `pledge ${pledge.id}`);
    return toJson(await ctx.store.history(KeyType.pledge, [pledge.id]));
  }
}
