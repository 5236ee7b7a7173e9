import { CHAINCODE_ENDORSEMENT_QUORUM } from '@scf/network';
import type { Forgery } from './rogue-endorser';
import { shareRows } from './rogue-matrix-shares';
import type { Targets } from './rogue-targets';
import { canonicalJson } from '@scf/kernel/canonical-json';
import { compositeKey, KeyType, slotAttribute } from '@scf/kernel/keys';

/**
 * The forgery matrix of issue 14's ownership table: for every key class, who must endorse any
 * change (its owners), a forged change of an existing key and a forged creation naming the
 * owners, each endorsed by colluding orgs that leave out an owner, and once by the owners.
 */
export const ORGS = ['BankA', 'BankB', 'Core', 'Suppliers', 'Warehouse', 'Auditor'] as const;
export type Org = (typeof ORGS)[number];

export interface Row {
  /** The key class and what the forgery does, e.g. `financing: change scf.financing`. */
  readonly label: string;
  /** The ownership-table entry it checks: the key of NOT_YET_ENFORCED. */
  readonly keyClass: string;
  /** Orgs that must endorse (the ownership table). */
  readonly owners: readonly Org[];
  /** The write set, per attempt (`tag` makes a created record's id unique to the attempt). */
  readonly forgery: (tag: string, isControl: boolean) => Forgery;
  /** Colluding sets instead of the generated ones (the first org signs and submits). */
  readonly colluders?: readonly (readonly Org[])[];
  /** The owners' own set instead of `owners` (not padded). */
  readonly control?: readonly Org[];
  /**
   * It writes public keys that do not exist yet: those have no key-level policy, so validation
   * judges them by the chaincode-level policy (any CHAINCODE_ENDORSEMENT_QUORUM orgs' peers), which
   * no pair satisfies.
   */
  readonly creates?: boolean;
}

export interface Attempt {
  readonly row: Row;
  readonly colluders: readonly Org[];
  readonly isControl: boolean;
  readonly forgery: Forgery;
}

const json = (value: unknown): string => canonicalJson(value);
const MARKER = json(1);
const key = (type: string, attributes: readonly string[]): string => compositeKey(type, attributes);
const put = (k: string, value: string): Forgery => ({ writes: [{ key: k, value }] });
const del = (k: string): Forgery => ({ deletes: [k] });
const many = (...entries: [string, string][]): Forgery => ({ writes: entries.map(([k, value]) => ({ key: k, value })) });
const TERMS_COLLECTION = 'terms_BankAMSP_SuppliersMSP';
const termsKey = (financingId: string): string => key('scf.terms', ['financing', financingId]);
const LINE_TERMS_COLLECTION = 'terms_BankAMSP_CoreMSP';
const lineTermsKey = (lineId: string): string => key('scf.terms', ['creditline', lineId]);

function changeRows(t: Targets): Row[] {
  const f = t.financing;
  const fin: readonly Org[] = ['BankA', 'Suppliers'];
  const rcv: readonly Org[] = ['Suppliers', 'Core'];
  const encumbered: readonly Org[] = ['Suppliers', 'Core', 'BankA'];
  const pledged: readonly Org[] = ['Warehouse', 'Suppliers', 'BankA'];
  const p = t.participant;
  const change = (keyClass: string, owners: readonly Org[], what: string, forgery: Forgery): Row => ({
    label: `${keyClass}: change ${what}`,
    keyClass,
    owners,
    forgery: () => forgery,
  });
  return [
    change(
      'financing',
      fin,
      'scf.financing (REPAID)',
      put(key(KeyType.financing, [f.id]), json({ ...f, status: 'REPAID', outstandingPrincipal: '0' })),
    ),
    change('financing', fin, 'scf.financing.byBank (delete)', del(key(KeyType.financingsByBank, [f.bankMsp, f.id]))),
    change('financing', fin, 'scf.financing.byBorrower (delete)', del(key(KeyType.financingsByBorrower, [f.borrowerId, f.id]))),
    change('financing', fin, 'scf.financing.byReceivable (delete)', del(key(KeyType.financingsByReceivable, [f.receivableId, f.id]))),
    change(
      'credit line',
      ['BankA'],
      'scf.creditline (limit)',
      put(key(KeyType.creditLine, [t.line.id]), json({ ...t.line, limit: '999999999999' })),
    ),
    change(
      'credit line',
      ['BankA'],
      'scf.creditline.tranche (drawn 0)',
      put(key(KeyType.tranche, [t.line.id, slotAttribute(0)]), json({ lineId: t.line.id, index: 0, limit: '999999999', drawn: '0' })),
    ),
    change('credit line', ['BankA'], 'scf.creditline.byBank (delete)', del(key(KeyType.linesByBank, [t.line.bankMsp, t.line.id]))),
    change('credit line', ['BankA'], 'scf.creditline.byCore (delete)', del(key(KeyType.linesByCore, [t.line.coreId, t.line.id]))),
    change(
      'receivable (issued)',
      rcv,
      'scf.receivable (face)',
      put(key(KeyType.receivable, [t.issued.id]), json({ ...t.issued, face: '1' })),
    ),
    change(
      'receivable',
      rcv,
      'scf.receivable (holder)',
      put(key(KeyType.receivable, [t.confirmed.id]), json({ ...t.confirmed, holderId: 'supplier-3' })),
    ),
    change(
      'receivable',
      rcv,
      'scf.receivable.byHolder (delete)',
      del(key(KeyType.receivablesByHolder, [t.confirmed.holderId, t.confirmed.id])),
    ),
    change(
      'receivable',
      rcv,
      'scf.receivable.byDebtor (delete)',
      del(key(KeyType.receivablesByDebtor, [t.confirmed.debtorId, t.confirmed.id])),
    ),
    change('receivable', rcv, 'scf.receivable.dilution (delete)', del(key(KeyType.dilution, [t.confirmed.id, t.dilutionId]))),
    change('receivable', rcv, 'scf.fingerprint (delete)', del(key(KeyType.fingerprint, [t.confirmed.invoiceFingerprint]))),
    change(
      'receivable (encumbered)',
      encumbered,
      'scf.receivable (lien dropped)',
      put(key(KeyType.receivable, [t.encumbered.id]), json({ ...t.encumbered, financingId: undefined })),
    ),
    change(
      'receivable (encumbered)',
      encumbered,
      'scf.receivable.byHolder (delete)',
      del(key(KeyType.receivablesByHolder, [t.encumbered.holderId, t.encumbered.id])),
    ),
    change(
      'payment',
      ['Core', 'BankA', 'Suppliers'],
      'scf.payment (SETTLED)',
      put(key(KeyType.payment, [t.payment.id]), json({ ...t.payment, status: 'SETTLED' })),
    ),
    change(
      'payment',
      ['Core', 'BankA', 'Suppliers'],
      'scf.payment.byReceivable (delete)',
      del(key(KeyType.paymentsByReceivable, [t.payment.receivableId, t.payment.id])),
    ),
    change(
      'payment',
      ['Core', 'BankA', 'Suppliers'],
      'scf.payment.reference (delete)',
      del(key(KeyType.paymentReference, [t.payment.debtorId, t.payment.reference.toUpperCase()])),
    ),
    change(
      'warehouse receipt',
      ['Warehouse', 'Suppliers'],
      'scf.warehouse.receipt (owner)',
      put(key(KeyType.receipt, [t.receipt.id]), json({ ...t.receipt, ownerId: 'supplier-3' })),
    ),
    change(
      'warehouse receipt',
      ['Warehouse', 'Suppliers'],
      'scf.warehouse.receipt.byOwner (delete)',
      del(key(KeyType.receiptsByOwner, [t.receipt.ownerId, t.receipt.id])),
    ),
    change(
      'warehouse receipt (pledged)',
      pledged,
      'scf.warehouse.receipt (pledge dropped)',
      put(key(KeyType.receipt, [t.pledgedReceipt.id]), json({ ...t.pledgedReceipt, pledgeId: undefined })),
    ),
    change(
      'pledge',
      pledged,
      'scf.warehouse.pledge (RELEASED)',
      put(key(KeyType.pledge, [t.pledge.id]), json({ ...t.pledge, status: 'RELEASED' })),
    ),
    change(
      'pledge',
      pledged,
      'scf.warehouse.pledge.live (delete)',
      del(key(KeyType.livePledgesByCommodity, [t.pledge.commodity, t.pledge.grade, t.pledge.unit, t.pledge.id])),
    ),
    change(
      'commodity price',
      ['Auditor'],
      'scf.warehouse.price (x100)',
      put(key(KeyType.price, [t.price.commodity, t.price.grade, t.price.unit]), json({ ...t.price, pricePerUnit: '10000' })),
    ),
    change('participant', ['Suppliers'], 'scf.participant (role)', put(key(KeyType.participant, [p.id]), json({ ...p, role: 'bank' }))),
    change('participant', ['Suppliers'], 'scf.identity (rebound)', put(key(KeyType.identity, [p.mspId, p.clientId]), json('supplier-1'))),
    change('participant', ['Suppliers'], 'scf.participant.byOrg (delete)', del(key(KeyType.participantsByOrg, [p.mspId, p.id]))),
    change(
      'heartbeat',
      ['Suppliers'],
      'scf.heartbeat',
      put(key(KeyType.heartbeat, ['SuppliersMSP', t.heartbeatLabel]), json({ forged: true })),
    ),
    change(
      'consortium cap',
      ['Auditor'],
      'scf.cap (cap)',
      put(key(KeyType.cap, [t.cap.coreId, t.cap.currency]), json({ ...t.cap, cap: '999999999999999' })),
    ),
    change(
      'creation guard',
      ['Suppliers'],
      'scf.guard of SuppliersMSP',
      put(key(KeyType.guard, ['SuppliersMSP']), json({ mspId: 'SuppliersMSP' })),
    ),
    {
      label: 'heartbeat: rewrite its key-level policy to the colluders',
      keyClass: 'heartbeat',
      owners: ['Suppliers'],
      forgery: () => ({
        policies: [{ key: key(KeyType.heartbeat, ['SuppliersMSP', t.policyHeartbeatLabel]), orgs: ['BankBMSP', 'CoreMSP'] }],
      }),
      colluders: [['BankB', 'Core']],
    },
  ];
}

/** Forged creations: a new record naming its owners, written with its index keys as the real chaincode would. */
function creationRows(t: Targets): Row[] {
  const create = (keyClass: string, owners: readonly Org[], what: string, forgery: (tag: string) => Forgery): Row => ({
    label: `${keyClass}: create ${what}`,
    keyClass: `${keyClass} (creation)`,
    owners,
    forgery,
    creates: true,
  });
  return [
    create('financing', ['BankA', 'Suppliers'], 'a financing of BankA to supplier-1', (tag) =>
      many(
        [key(KeyType.financing, [tag]), json({ ...t.financing, id: tag })],
        [key(KeyType.financingsByBank, ['BankAMSP', tag]), MARKER],
        [key(KeyType.financingsByBorrower, ['supplier-1', tag]), MARKER],
        [key(KeyType.financingsByReceivable, [t.confirmed.id, tag]), MARKER],
      ),
    ),
    create('credit line', ['BankA'], 'a line of BankA', (tag) =>
      many(
        [key(KeyType.creditLine, [tag]), json({ ...t.line, id: tag })],
        [key(KeyType.linesByBank, ['BankAMSP', tag]), MARKER],
        [key(KeyType.linesByCore, ['core', tag]), MARKER],
        [key(KeyType.tranche, [tag, slotAttribute(0)]), json({ lineId: tag, index: 0, limit: '50000000', drawn: '0' })],
      ),
    ),
    create('credit line', ['BankA'], "a tranche on BankA's line", (tag) =>
      put(key(KeyType.tranche, [t.line.id, tag]), json({ lineId: t.line.id, index: 999, limit: '1', drawn: '0' })),
    ),
    create('receivable', ['Suppliers', 'Core'], 'a receivable of supplier-1 on core', (tag) =>
      many(
        [key(KeyType.receivable, [tag]), json({ ...t.confirmed, id: tag, rootId: tag })],
        [key(KeyType.receivablesByHolder, ['supplier-1', tag]), MARKER],
        [key(KeyType.receivablesByDebtor, ['core', tag]), MARKER],
      ),
    ),
    {
      label: 'receivable: create a receivable of supplier-1 on core, writing the guards of both orgs as the real chaincode does',
      keyClass: 'receivable (guarded creation)',
      owners: ['Suppliers', 'Core'],
      creates: true,
      forgery: (tag) =>
        many(
          [key(KeyType.receivable, [tag]), json({ ...t.confirmed, id: tag, rootId: tag })],
          [key(KeyType.guard, ['CoreMSP']), json({ mspId: 'CoreMSP' })],
          [key(KeyType.guard, ['SuppliersMSP']), json({ mspId: 'SuppliersMSP' })],
        ),
    },
    create('receivable', ['Suppliers', 'Core'], 'a dilution on a receivable', (tag) =>
      put(
        key(KeyType.dilution, [t.confirmed.id, tag]),
        json({
          id: tag,
          receivableId: t.confirmed.id,
          kind: 'CREDIT_NOTE',
          amount: '79000',
          reference: tag,
          recordedBy: 'core',
          recordedAt: t.confirmed.updatedAt,
        }),
      ),
    ),
    create('payment', ['Core', 'BankA', 'Suppliers'], 'a payment by core to BankA and supplier-1', (tag) =>
      many(
        [key(KeyType.payment, [tag]), json({ ...t.payment, id: tag, reference: tag })],
        [key(KeyType.paymentsByReceivable, [t.encumbered.id, tag]), MARKER],
        [key(KeyType.paymentReference, ['core', tag.toUpperCase()]), json(tag)],
      ),
    ),
    create('warehouse receipt', ['Warehouse', 'Suppliers'], 'a receipt of Warehouse to supplier-1', (tag) =>
      many([key(KeyType.receipt, [tag]), json({ ...t.receipt, id: tag })], [key(KeyType.receiptsByOwner, ['supplier-1', tag]), MARKER]),
    ),
    create('pledge', ['Warehouse', 'Suppliers', 'BankA'], 'a pledge of a receipt to BankA', (tag) =>
      many(
        [key(KeyType.pledge, [tag]), json({ ...t.pledge, id: tag, receiptId: t.receipt.id })],
        [key(KeyType.livePledgesByCommodity, [t.pledge.commodity, t.pledge.grade, t.pledge.unit, tag]), MARKER],
      ),
    ),
    create('commodity price', ['Auditor'], 'a price', (tag) =>
      put(key(KeyType.price, [tag, 'A', 't']), json({ ...t.price, commodity: tag, pricePerUnit: '1' })),
    ),
    create('participant', ['Suppliers'], 'a participant of SuppliersMSP', (tag) =>
      many(
        [key(KeyType.participant, [tag]), json({ ...t.participant, id: tag, clientId: `x509::/CN=${tag}::/CN=ca` })],
        [key(KeyType.identity, ['SuppliersMSP', `x509::/CN=${tag}::/CN=ca`]), json(tag)],
        [key(KeyType.participantsByOrg, ['SuppliersMSP', tag]), MARKER],
      ),
    ),
    create('heartbeat', ['Suppliers'], 'a heartbeat of SuppliersMSP', (tag) =>
      put(key(KeyType.heartbeat, ['SuppliersMSP', tag]), json({ label: tag, mspId: 'SuppliersMSP' })),
    ),
    create('consortium cap', ['Auditor'], 'a cap and shard', (tag) =>
      many(
        [key(KeyType.cap, [tag, t.currency]), json({ ...t.cap, coreId: tag })],
        [
          key(KeyType.capShard, [tag, t.currency, 'BankAMSP', slotAttribute(0)]),
          json({ coreId: tag, currency: t.currency, bankMsp: 'BankAMSP', index: 0, limit: '1' }),
        ],
      ),
    ),
  ];
}

/** Private terms (a financing's, a line's), and an approval without the bank: rows with their colluding sets given. */
function specialRows(t: Targets): Row[] {
  const terms = (financingId: string): Forgery => ({
    privateWrites: [{ collection: TERMS_COLLECTION, key: termsKey(financingId), value: json({ rateBps: '1', forged: true }) }],
  });
  const lineTerms = (lineId: string): Forgery => ({
    privateWrites: [{ collection: LINE_TERMS_COLLECTION, key: lineTermsKey(lineId), value: json({ limit: '999999999999', forged: true }) }],
  });
  return [
    {
      label: "private terms: change BankA's recorded terms",
      keyClass: 'private terms',
      owners: ['BankA'],
      forgery: () => terms(t.financing.id),
      colluders: [['Suppliers'], ['Suppliers', 'Core']],
      control: ['BankA'],
    },
    {
      label: 'private terms: create terms of a BankA financing',
      keyClass: 'private terms',
      owners: ['BankA'],
      forgery: (tag) => terms(tag),
      colluders: [['Suppliers'], ['Suppliers', 'Core']],
      control: ['BankA'],
    },
    {
      label: "line terms: change BankA's recorded terms of a line (the core enterprise, a collection member, alone)",
      keyClass: 'line terms',
      owners: ['BankA'],
      forgery: () => lineTerms(t.line.id),
      colluders: [['Core']],
      control: ['BankA'],
    },
    {
      label: 'line terms: create terms of a BankA line',
      keyClass: 'line terms',
      owners: ['BankA'],
      forgery: (tag) => lineTerms(tag),
      colluders: [['Core']],
      control: ['BankA'],
    },
    {
      label: 'approval: financing ACTIVE + receivable encumbered, without the bank',
      keyClass: 'approval',
      owners: ['BankA', 'Suppliers', 'Core'],
      forgery: () =>
        many(
          [key(KeyType.financing, [t.requested.id]), json({ ...t.requested, status: 'ACTIVE', outstandingPrincipal: t.requested.amount })],
          [key(KeyType.receivable, [t.toApprove.id]), json({ ...t.toApprove, financingId: t.requested.id })],
        ),
      colluders: [
        ['Suppliers', 'Core'],
        ['Suppliers', 'BankB'],
      ],
    },
  ];
}

export function matrixRows(t: Targets): Row[] {
  return [...changeRows(t), ...creationRows(t), ...shareRows(t), ...specialRows(t)];
}

const rotate = <T>(items: readonly T[], by: number): T[] => items.map((_, i) => items[(i + by) % items.length] as T);
const setKey = (orgs: readonly Org[]): string => [...orgs].sort().join('+');

/**
 * Colluding pairs that leave out an owner. By default, per owner one pair of everyone else it can
 * take (the other owners first, then outsiders, rotated), plus a pair of two outsiders; with
 * `allPairs`, every one of the 15 pairs that misses an owner.
 */
export function collusions(owners: readonly Org[], allPairs: boolean): Org[][] {
  const pairs: Org[][] = [];
  if (allPairs) {
    ORGS.forEach((a, i) => {
      ORGS.slice(i + 1).forEach((b) => {
        pairs.push([a, b]);
      });
    });
  } else {
    const outsiders = ORGS.filter((o) => !owners.includes(o));
    owners.forEach((left, i) => {
      pairs.push([...owners.filter((o) => o !== left), ...rotate(outsiders, i)].slice(0, 2));
    });
    pairs.push(rotate(outsiders, owners.length).slice(0, 2));
  }
  const seen = new Set<string>();
  return pairs.filter((pair) => {
    const k = setKey(pair);
    const missesOwner = owners.some((o) => !pair.includes(o));
    if (!missesOwner || seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
}

/**
 * The owners' set for the control, padded with outsiders (never BankB) to what the chaincode-level
 * policy needs where it applies: any 3 of 6 for a creation; for a change two orgs (the key-level
 * policy alone decides, the second org only keeps a single-owner control from looking like a lone
 * endorser).
 */
export function controlSet(row: Row): Org[] {
  const owners = [...(row.control ?? row.owners)];
  if (row.control !== undefined) {
    return owners;
  }
  const needed = row.creates === true ? CHAINCODE_ENDORSEMENT_QUORUM : 2;
  const outsiders = ORGS.filter((o) => !owners.includes(o) && o !== 'BankB');
  return [...owners, ...outsiders.slice(0, Math.max(0, needed - owners.length))];
}

/** Every attempt of every row: the leaving-out sets, then the control; `prefix` makes created ids unique to the run. */
export function attempts(rows: readonly Row[], allPairs: boolean, prefix: string): Attempt[] {
  return rows.flatMap((row, r) => {
    const sets = [
      ...(row.colluders ?? collusions(row.owners, allPairs)).map((c) => ({ c: [...c], isControl: false })),
      { c: controlSet(row), isControl: true },
    ];
    return sets.map(({ c, isControl }, i) => ({
      row,
      colluders: c,
      isControl,
      forgery: row.forgery(`${prefix}-r${r}a${i}`, isControl),
    }));
  });
}
