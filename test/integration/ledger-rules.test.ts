import { CommitError, EndorseError, StatusCode } from '@hyperledger/fabric-gateway';
import { asParticipant, chaincodeErrorCode, evaluateAs, isoDay, runId, submitAs } from '../support/ledger';

interface Financing {
  id: string;
  status: string;
}
interface Receivable {
  status: string;
  outstanding: string;
  financingId?: string;
}

const assessment = JSON.stringify({
  decision: 'APPROVE',
  score: 100,
  reasonCodes: ['INTEGRATION_TEST'],
  policyVersion: 'test-1',
  inputsHash: 'b'.repeat(64),
});

async function confirmedReceivable(id: string, amount = '1000000'): Promise<void> {
  await submitAs('supplier-1', 'scf.receivable:IssueReceivable', [id, 'core', `INV-${id}`, 'USD', amount, isoDay(-1), isoDay(60)]);
  await submitAs('core', 'scf.receivable:ConfirmReceivable', [id]);
}

/** Outcome of one submit: committed, refused at endorsement (chaincode code), or invalidated at commit. */
async function outcome(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'COMMITTED';
  } catch (error) {
    if (error instanceof EndorseError) {
      return `REFUSED:${chaincodeErrorCode(error) ?? 'UNKNOWN'}`;
    }
    if (error instanceof CommitError) {
      return `INVALID:${Object.entries(StatusCode).find(([, code]) => code === error.code)?.[0] ?? String(error.code)}`;
    }
    throw error;
  }
}

describe('hard rules on the real network', () => {
  const lineA = runId('lineA');
  const lineB = runId('lineB');

  beforeAll(async () => {
    await submitAs('auditor', 'scf.creditline:SetConsortiumCap', ['core', 'USD', '1000000000000']);
    await submitAs('bank-a', 'scf.creditline:GrantCreditLine', [lineA, 'core', 'USD', '50000000', isoDay(365), '9000', '180', '10']);
    await submitAs('bank-b', 'scf.creditline:GrantCreditLine', [lineB, 'core', 'USD', '50000000', isoDay(365), '9000', '180', '10']);
  });

  it('two banks racing to finance one receivable: exactly one commits', async () => {
    const id = runId('race');
    await confirmedReceivable(id);
    await submitAs('supplier-1', 'scf.financing:RequestFinancing', [`${id}-a`, id, lineA, '500000']);
    await submitAs('supplier-1', 'scf.financing:RequestFinancing', [`${id}-b`, id, lineB, '500000']);

    const outcomes = await Promise.all([
      outcome(() => submitAs('bank-a-risk', 'scf.financing:ApproveFinancing', [`${id}-a`, assessment])),
      outcome(() => submitAs('bank-b-risk', 'scf.financing:ApproveFinancing', [`${id}-b`, assessment])),
    ]);
    expect(outcomes.filter((o) => o === 'COMMITTED')).toHaveLength(1);
    const loser = outcomes.find((o) => o !== 'COMMITTED');
    expect(['REFUSED:ENCUMBERED', 'REFUSED:INVALID_STATE', 'INVALID:MVCC_READ_CONFLICT', 'INVALID:PHANTOM_READ_CONFLICT']).toContain(loser);

    const receivable = await evaluateAs<Receivable>('auditor', 'scf.receivable:GetReceivable', [id]);
    const active = await Promise.all(
      [`${id}-a`, `${id}-b`].map((f) => evaluateAs<Financing>('auditor', 'scf.financing:GetFinancing', [f])),
    );
    expect(active.filter((f) => f.status === 'ACTIVE').map((f) => f.id)).toEqual([receivable.financingId]);
  });

  it('an approval not signed by a registered risk gateway of that bank is refused', async () => {
    const id = runId('forged');
    await confirmedReceivable(id);
    await submitAs('supplier-1', 'scf.financing:RequestFinancing', [`${id}-f`, id, lineA, '500000']);
    // Bank A's own officer (not its risk gateway), and Bank B's risk gateway (another bank).
    expect(await outcome(() => submitAs('bank-a', 'scf.financing:ApproveFinancing', [`${id}-f`, assessment]))).toBe('REFUSED:FORBIDDEN');
    expect(await outcome(() => submitAs('bank-b-risk', 'scf.financing:ApproveFinancing', [`${id}-f`, assessment]))).toBe(
      'REFUSED:FORBIDDEN',
    );
    expect(await evaluateAs<Financing>('auditor', 'scf.financing:GetFinancing', [`${id}-f`])).toMatchObject({ status: 'REQUESTED' });
  });

  it('a change to a confirmed receivable endorsed only by orgs other than debtor and holder is invalidated', async () => {
    const id = runId('sbe');
    await confirmedReceivable(id);
    const dilution = [id, `${id}-cn`, 'CREDIT_NOTE', '1000', `CN-${id}`];
    // Two endorsements satisfy the chaincode-level 2-of-6, but not the key's own policy (Core AND Suppliers).
    const result = await outcome(() =>
      asParticipant('supplier-1', 'scf.receivable', (c) =>
        c.submit('RecordDilution', { arguments: dilution, endorsingOrganizations: ['BankAMSP', 'BankBMSP'] }),
      ),
    );
    expect(result).toBe('INVALID:ENDORSEMENT_POLICY_FAILURE');
    expect(await evaluateAs<Receivable>('auditor', 'scf.receivable:GetReceivable', [id])).toMatchObject({ outstanding: '1000000' });
    // Endorsed by the debtor's and the holder's orgs, the same change commits.
    await asParticipant('supplier-1', 'scf.receivable', (c) =>
      c.submit('RecordDilution', { arguments: dilution, endorsingOrganizations: ['CoreMSP', 'SuppliersMSP'] }),
    );
    expect(await evaluateAs<Receivable>('auditor', 'scf.receivable:GetReceivable', [id])).toMatchObject({ outstanding: '999000' });
  });

  it('the same invoice can never back a second receivable', async () => {
    const id = runId('dup');
    await confirmedReceivable(id);
    const again = await outcome(() =>
      submitAs('supplier-1', 'scf.receivable:IssueReceivable', [`${id}-2`, 'core', `INV-${id}`, 'USD', '1000000', isoDay(-1), isoDay(60)]),
    );
    expect(again).toBe('REFUSED:DUPLICATE_FINGERPRINT');
  });
});
