import { leiFromLabel } from '@scf/kernel/legal-entity';
import type { Role } from '@scf/kernel/roles';

/** One participant of the demo consortium, bound to one cryptogen identity of its org. */
export interface DemoParticipant {
  readonly participantId: string;
  readonly org: string;
  /** cryptogen's user name in that org: "User1", "User2", ... */
  readonly user: string;
  readonly name: string;
  readonly role: Role;
  readonly tier?: number;
  /** The company's LEI: demo companies have none, so one is derived from the company's label (leiFromLabel). */
  readonly legalEntityId: string;
}

/**
 * The participants `npm start` registers on the ledger and hands credentials to, and that the
 * integration tests act as. The org admins register them; admins are not participants. A bank's
 * credit desk and its risk gateway are two participants of one legal entity.
 */
export const DEMO_PARTICIPANTS: readonly DemoParticipant[] = [
  {
    participantId: 'bank-a',
    org: 'BankA',
    user: 'User1',
    name: 'Bank A credit desk',
    role: 'bank',
    legalEntityId: leiFromLabel('demo:bank-a'),
  },
  {
    participantId: 'bank-a-risk',
    org: 'BankA',
    user: 'User2',
    name: 'Bank A risk gateway',
    role: 'risk-gateway',
    legalEntityId: leiFromLabel('demo:bank-a'),
  },
  // A second officer: four eyes, the officer who asked for an assessment does not decide its review.
  {
    participantId: 'bank-a-2',
    org: 'BankA',
    user: 'User3',
    name: 'Bank A credit committee',
    role: 'bank',
    legalEntityId: leiFromLabel('demo:bank-a'),
  },
  {
    participantId: 'bank-b',
    org: 'BankB',
    user: 'User1',
    name: 'Bank B credit desk',
    role: 'bank',
    legalEntityId: leiFromLabel('demo:bank-b'),
  },
  {
    participantId: 'bank-b-risk',
    org: 'BankB',
    user: 'User2',
    name: 'Bank B risk gateway',
    role: 'risk-gateway',
    legalEntityId: leiFromLabel('demo:bank-b'),
  },
  {
    participantId: 'core',
    org: 'Core',
    user: 'User1',
    name: 'Core Motors Ltd',
    role: 'core-enterprise',
    legalEntityId: leiFromLabel('demo:core'),
  },
  {
    participantId: 'supplier-1',
    org: 'Suppliers',
    user: 'User1',
    name: 'Tier-1 Seats Co',
    role: 'supplier',
    tier: 1,
    legalEntityId: leiFromLabel('demo:supplier-1'),
  },
  {
    participantId: 'supplier-2',
    org: 'Suppliers',
    user: 'User2',
    name: 'Tier-2 Foam Co',
    role: 'supplier',
    tier: 2,
    legalEntityId: leiFromLabel('demo:supplier-2'),
  },
  {
    participantId: 'supplier-3',
    org: 'Suppliers',
    user: 'User3',
    name: 'Tier-3 Chemicals Co',
    role: 'supplier',
    tier: 3,
    legalEntityId: leiFromLabel('demo:supplier-3'),
  },
  {
    participantId: 'warehouse',
    org: 'Warehouse',
    user: 'User1',
    name: 'Bonded Warehouse One',
    role: 'warehouse',
    legalEntityId: leiFromLabel('demo:warehouse'),
  },
  {
    participantId: 'auditor',
    org: 'Auditor',
    user: 'User1',
    name: 'Consortium auditor',
    role: 'auditor',
    legalEntityId: leiFromLabel('demo:auditor'),
  },
  {
    participantId: 'price-oracle',
    org: 'Auditor',
    user: 'User2',
    name: 'Commodity price feed',
    role: 'price-oracle',
    legalEntityId: leiFromLabel('demo:price-oracle'),
  },
];

export function demoParticipant(participantId: string): DemoParticipant {
  const found = DEMO_PARTICIPANTS.find((p) => p.participantId === participantId);
  if (!found) {
    throw new Error(`no demo participant ${participantId}`);
  }
  return found;
}
