import { receivableCollateral } from './inputs';
import type { Receivable } from '@scf/kernel/records/receivable';

const AT = '2025-01-10T00:00:00Z';

/** A confirmed, unfinanced receivable as the chaincode stores it. */
function confirmedReceivable(id = 'r1', face = 1_000_000n): Receivable {
  return {
    id,
    rootId: id,
    childIds: [],
    invoiceNumber: `INV-${id}`,
    invoiceFingerprint: '0'.repeat(64),
    currency: 'USD',
    issueDate: '2025-01-01',
    dueDate: '2025-04-01',
    creditorId: 'sup1',
    debtorId: 'core1',
    debtorMsp: 'CoreMSP',
    holderId: 'sup1',
    holderMsp: 'SuppliersMSP',
    face: face.toString(),
    outstanding: face.toString(),
    settled: '0',
    diluted: '0',
    splitOff: '0',
    status: 'CONFIRMED',
    delinquency: 'CURRENT',
    pendingAmount: '0',
    createdAt: AT,
    updatedAt: AT,
  };
}

describe('receivableCollateral', () => {
  it('takes the chaincode state as is, parsing its amounts', () => {
    const receivable = { ...confirmedReceivable('r9', 1_000_000n), outstanding: '600000' };
    expect(receivableCollateral(receivable, 'fin1', true, [])).toEqual({
      id: 'r9',
      status: 'CONFIRMED',
      delinquency: 'CURRENT',
      face: 1_000_000n,
      outstanding: 600_000n,
      dueDate: '2025-04-01',
      encumbered: false,
      fingerprintUnique: true,
      provenanceFaults: [],
    });
  });

  it('is encumbered only by another financing', () => {
    const receivable = { ...confirmedReceivable(), financingId: 'fin1' };
    expect(receivableCollateral(receivable, 'fin1', true, []).encumbered).toBe(false);
    expect(receivableCollateral(receivable, 'fin2', true, []).encumbered).toBe(true);
  });
});
