import { readFileSync } from 'node:fs';
import { EndorseError } from '@hyperledger/fabric-gateway';
import { allBlockBytes, blockHeight, blockBytesFrom, eventually, network } from '../support/fabric';
import { approvalCall } from '../support/decisions';
import {
  asParticipant,
  chaincodeErrorCode,
  evaluateAs,
  grantedLineTerms,
  grantLineAs,
  invoiceTerms,
  lineTerms,
  outcome,
  runId,
  submitAs,
} from '../support/ledger';
import { demoParticipant } from '@scf/gateway/demo/demo-participants';
import { call, tx } from '@scf/kernel/catalogue/catalogue';
import type { CreditLineExposure, CreditLineTerms } from '@scf/kernel/records/credit-line';
import type { ApprovalResult } from '@scf/kernel/records/financing';
import { type SealedAnswer, openSealed } from '@scf/kernel/sealed-answer';
import { TransientKey } from '@scf/kernel/transient';
import { orgByName, userOf } from '@scf/network';

/** Opens an answer sealed to a demo participant's certificate with that participant's private key. */
function openAs(participantId: string, sealed: SealedAnswer): unknown {
  const p = demoParticipant(participantId);
  const key = readFileSync(userOf(orgByName(network(), p.org), p.user).keyPath);
  return JSON.parse(openSealed(sealed, key).toString('utf8'));
}

/** Every peer's answer in an endorsement refusal: its org and the chaincode's error code. */
function refusals(error: unknown): { mspId: string; code: string | undefined }[] {
  const details = (error as { details?: { mspId?: string; message?: string }[] }).details ?? [];
  return details.map((d) => ({ mspId: d.mspId ?? '?', code: chaincodeErrorCode({ details: [{ message: d.message ?? '' }] }) }));
}

const ASSESSMENT = JSON.stringify({ decision: 'APPROVE', policyVersion: 'test-1', inputsHash: 'e'.repeat(64) });

/*
 * Issue 16: a bank's line terms are not public state. Any org's operator can read its own peer's
 * state database, which is the fold of the blocks' public write sets: the blocks on a competitor's
 * and on the auditor's peer must carry none of the line's terms, nor may any answer a bank or core
 * enterprise submits. Every endorser of an approval, collection member or not, refuses terms that
 * are not the ones the line commits to.
 */
describe("a credit line's terms on the real network", () => {
  const id = runId('lterm');
  const line = `${id}-line`;
  // A limit no other record carries: found in a block, it could only be this line's.
  const limit = `7${String(Date.now()).slice(-9)}${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`;
  const from = { block: 0 };

  beforeAll(async () => {
    from.block = await blockHeight('BankB');
    await submitAs('auditor', call(tx.creditLine.SetConsortiumCap, { coreId: 'core', currency: 'USD', cap: '1000000000000000' }));
    await grantLineAs('bank-a', lineTerms(line, { limit, maxAdvanceRateBps: '8765', maxTenorDays: '173', graceDays: '11' }));
    await submitAs('supplier-1', call(tx.receivable.IssueReceivable, invoiceTerms(id)));
    await submitAs('core', call(tx.receivable.ConfirmReceivable, { receivableId: id }));
    await submitAs(
      'supplier-1',
      call(tx.financing.RequestFinancing, { financingId: `${id}-f`, receivableId: id, lineId: line, amount: '500000' }),
    );
  });

  it('an approval with terms that are not the committed ones is refused by every endorser, member of the collection or not', async () => {
    const terms = grantedLineTerms(line);
    // A bank gateway lying about its own line: a higher advance rate, a longer tenor.
    const forged: CreditLineTerms = { ...terms, maxAdvanceRateBps: '10000', maxTenorDays: 3650 };
    const approve = await approvalCall(`${id}-f`, ASSESSMENT);
    const endorsers = ['BankAMSP', 'CoreMSP', 'SuppliersMSP'];
    const refused = await submitAs('bank-a-risk', approve, {
      transient: { [TransientKey.lineTerms]: JSON.stringify(forged) },
      endorsingOrganizations: endorsers,
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(EndorseError);
    const answers = refusals(refused);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => a.code === 'TERMS_MISMATCH')).toBe(true);
    // Each endorser on its own, collection members (the bank's and core's peers) and not (the borrower's).
    for (const mspId of endorsers) {
      const own = await submitAs('bank-a-risk', approve, {
        transient: { [TransientKey.lineTerms]: JSON.stringify(forged) },
        endorsingOrganizations: [mspId],
      }).then(
        () => 'COMMITTED',
        (error: unknown) => refusals(error),
      );
      expect(own).toEqual([{ mspId, code: 'TERMS_MISMATCH' }]);
    }
    // Without terms at all: a clear refusal, not a crash.
    const none = await outcome(async () =>
      submitAs('bank-a-risk', approve, { transient: { [TransientKey.lineTerms]: '{}' }, endorsingOrganizations: endorsers }),
    );
    expect(none).toBe('REFUSED:INVALID_ARGUMENT');
  });

  it('the genuine terms approve; the endorsed result carries no line term', async () => {
    const result = await submitAs<ApprovalResult>('bank-a-risk', await approvalCall(`${id}-f`, ASSESSMENT));
    expect(result.financing.status).toBe('ACTIVE');
    expect(result.exposureAfter).not.toHaveProperty('lineLimit');
    expect(JSON.stringify(result)).not.toContain(limit);
    // The financing keeps what later checks need, not the line's ceiling or grace days.
    expect(result.financing).not.toHaveProperty('advanceRateBps');
    expect(result.financing).not.toHaveProperty('graceDays');
    expect(result.financing.advancedAgainst).toMatch(/^[1-9]\d*$/);
    expect(result.financing.defaultsAfter).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the line and core enterprise read the terms sealed; a competitor, the auditor and the borrower do not', async () => {
    const terms = grantedLineTerms(line);
    expect(openAs('bank-a', await evaluateAs('bank-a', call(tx.creditLine.GetCreditLineTerms, { lineId: line })))).toEqual(terms);
    await eventually(async () => {
      expect(openAs('core', await evaluateAs('core', call(tx.creditLine.GetCreditLineTerms, { lineId: line })))).toEqual(terms);
    });
    for (const outsider of ['bank-b', 'auditor', 'supplier-1']) {
      const read = await evaluateAs(outsider, call(tx.creditLine.GetCreditLineTerms, { lineId: line })).then(
        () => 'read',
        (error: unknown) => chaincodeErrorCode(error) ?? 'refused',
      );
      expect([outsider, read]).toEqual([outsider, 'FORBIDDEN']);
    }
    // The auditor reads the public part: what is drawn, not the limit (nor the headroom, which would give it away).
    const audited = await evaluateAs<CreditLineExposure>('auditor', call(tx.creditLine.GetCreditLine, { lineId: line }));
    expect(audited.drawn).toBe('500000');
    expect(audited).not.toHaveProperty('headroom');
    expect(JSON.stringify(audited)).not.toMatch(/"limit"|maxAdvanceRateBps|maxTenorDays|graceDays|expiresOn/);
    const competitor = await evaluateAs('bank-b', call(tx.creditLine.GetCreditLine, { lineId: line })).then(
      () => 'read',
      (error: unknown) => chaincodeErrorCode(error) ?? 'refused',
    );
    expect(competitor).toBe('FORBIDDEN');
  });

  it("no block on a competitor's or the auditor's peer carries the terms, even after the bank and core submit their terms read", async () => {
    // A submitted read would land its answer in a block. This one reads the bank × core collection,
    // so only its two members' peers may endorse it, which the chaincode-level policy does not
    // accept: it is not even endorsed. (Were it, its answer is sealed to the caller.)
    for (const participantId of ['bank-a', 'core']) {
      const submitted = await asParticipant(participantId, tx.creditLine.GetCreditLineTerms.contract, (contract) =>
        contract.submitTransaction(tx.creditLine.GetCreditLineTerms.name, line),
      ).then(
        () => 'COMMITTED',
        (error: unknown) => (error instanceof EndorseError ? 'NOT ENDORSED' : String(error)),
      );
      expect(['COMMITTED', 'NOT ENDORSED']).toContain(submitted);
    }
    const { salt } = grantedLineTerms(line);
    for (const org of ['BankB', 'Auditor']) {
      const blocks = await blockBytesFrom(org, from.block);
      // The line's own transactions are there (its id, its commitment) …
      expect(blocks.some((b) => b.includes(line))).toBe(true);
      // … but none of its terms: not the limit, not the salt, no term field anywhere.
      const fields = ['"maxAdvanceRateBps"', '"advanceRateBps"', '"maxTenorDays"', '"graceDays"', '"trancheLimits"', '"lineLimit"'];
      for (const secret of [limit, salt, ...fields]) {
        expect([org, secret, blocks.filter((b) => b.includes(secret)).length]).toEqual([org, secret, 0]);
      }
    }
    // Nor any block at all since the network began (every line of every earlier test).
    const all = await allBlockBytes('BankB');
    expect(all.filter((b) => b.includes('"maxTenorDays"') || b.includes('"trancheLimits"'))).toHaveLength(0);
  });
});
