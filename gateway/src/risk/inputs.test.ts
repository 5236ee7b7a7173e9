import type { Participant } from '@scf/chaincode/domain/participant';
import { confirmReceivable, issueReceivable, type Receivable } from '@scf/chaincode/domain/receivable';
import { receivableCollateral } from './inputs';

const AT = '2025-01-10T00:00:00Z';
const party = (id: string, role: Participant['role'], mspId: string): Participant => ({
  id,
  clientId: id,
  mspId,
  name: id,
  role,
  tier: 1,
  status: 'ACTIVE',
  registeredAt: AT,
  updatedAt: AT,
});

function confirmedReceivable(id = 'r1', face = 1_000_000n): Receivable {
  const core = party('core1', 'core-enterprise', 'CoreMSP');
  const issuance = {
    id,
    invoiceNumber: `INV-${id}`,
    currency: 'USD',
    face,
    issueDate: '2025-01-01',
    dueDate: '2025-04-01',
    issueDay: 20089,
    dueDay: 20179,
  };
  return confirmReceivable(issueReceivable(issuance, party('sup1', 'supplier', 'SuppliersMSP'), core, AT), core.id, AT);
}

describe('receivableCollateral', () => {
  it('takes the chaincode state as is, parsing its amounts', () => {
    const receivable = { ...confirmedReceivable('r9', 1_000_000n), outstanding: '600000' };
    expect(receivableCollateral(receivable, 'fin1', true)).toEqual({
      id: 'r9',
      status: 'CONFIRMED',
      delinquency: 'CURRENT',
      face: 1_000_000n,
      outstanding: 600_000n,
      dueDate: '2025-04-01',
      encumbered: false,
      fingerprintUnique: true,
    });
  });

  it('is encumbered only by another financing', () => {
    const receivable = { ...confirmedReceivable(), financingId: 'fin1' };
    expect(receivableCollateral(receivable, 'fin1', true).encumbered).toBe(false);
    expect(receivableCollateral(receivable, 'fin2', true).encumbered).toBe(true);
  });
});
