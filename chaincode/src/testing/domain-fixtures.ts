import { issueReceivable, confirmReceivable } from '../domain/receivable';
import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { CreditLine, CreditLineTerms } from '@scf/kernel/records/credit-line';
import { creditLineTermsHash, initialTrancheLimits } from '@scf/kernel/records/line-terms';
import type { Participant } from '@scf/kernel/records/participant';
import type { Receivable } from '@scf/kernel/records/receivable';
import type { Role } from '@scf/kernel/roles';

export const AT = '2025-01-10T00:00:00Z';

export function participant(id: string, role: Role, mspId: string, tier?: number): Participant {
  return {
    id,
    clientId: `x509::/CN=${id}::/CN=ca`,
    mspId,
    name: id,
    legalEntityId: leiFromLabel(id),
    role,
    tier,
    status: 'ACTIVE',
    registeredAt: AT,
    updatedAt: AT,
  };
}

export const core = participant('core1', 'core-enterprise', 'CoreMSP');
export const supplier1 = participant('sup1', 'supplier', 'SuppliersMSP', 1);
export const supplier2 = participant('sup2', 'supplier', 'SuppliersMSP', 2);
export const supplier3 = participant('sup3', 'supplier', 'SuppliersMSP', 3);

/** 2025-01-10 = epoch day 20098. */
export const DAY_2025_01_10 = 20098;

export function confirmedReceivable(id = 'r1', face = 1_000_000n): Receivable {
  const issued = issueReceivable(
    {
      id,
      invoiceNumber: `INV-${id}`,
      currency: 'USD',
      face,
      issueDate: '2025-01-01',
      dueDate: '2025-04-01',
      issueDay: 20089,
      dueDay: 20179,
    },
    supplier1,
    core,
    AT,
  );
  return confirmReceivable(issued, core.id, AT);
}

/** line1's private terms: limit 10 000 000 over 16 tranches, to 2025-12-31, 80%, 180 days, 10 days' grace. */
export function creditLineTerms(overrides: Partial<CreditLineTerms> = {}): CreditLineTerms {
  return {
    salt: '5a17'.repeat(8),
    limit: '10000000',
    expiresOn: '2025-12-31',
    maxAdvanceRateBps: '8000',
    maxTenorDays: 180,
    graceDays: 10,
    trancheLimits: initialTrancheLimits(10_000_000n, 16),
    ...overrides,
  };
}

export function creditLine(overrides: Partial<CreditLine> = {}): CreditLine {
  return {
    id: 'line1',
    bankMsp: 'BankAMSP',
    grantedBy: 'bankA-officer',
    coreId: core.id,
    currency: 'USD',
    termsHash: creditLineTermsHash(creditLineTerms()),
    termsRecorded: true,
    trancheCount: 16,
    status: 'ACTIVE',
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}
