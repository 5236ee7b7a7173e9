import type { Forgery } from './rogue-endorser';
import type { Org, Row } from './rogue-matrix';
import type { Targets } from './rogue-targets';
import { canonicalJson } from '@scf/kernel/canonical-json';
import { compositeKey, KeyType, slotAttribute } from '@scf/kernel/keys';

/**
 * Rows of the forgery matrix for the key classes issue 14's first matrix left out: the consortium
 * cap's per-bank shares (the auditor's shard limits, each bank's own draw keys), a debtor's
 * dilution request and its pending index, a legal entity's binding (`scf.entity`), and a bank's
 * risk key (`scf.riskkey`: whoever replaces it could sign that bank's approvals).
 */
const json = (value: unknown): string => canonicalJson(value);
const key = (type: string, attributes: readonly string[]): string => compositeKey(type, attributes);
const put = (k: string, value: string): Forgery => ({ writes: [{ key: k, value }] });
const del = (k: string): Forgery => ({ deletes: [k] });

function change(keyClass: string, owners: readonly Org[], what: string, forgery: Forgery): Row {
  return { label: `${keyClass}: change ${what}`, keyClass, owners, forgery: () => forgery };
}

function create(keyClass: string, owners: readonly Org[], what: string, forgery: (tag: string) => Forgery): Row {
  return { label: `${keyClass}: create ${what}`, keyClass: `${keyClass} (creation)`, owners, forgery, creates: true };
}

/** A risk key record as RegisterRiskKey writes it, with a key no bank holds (any P-256 SPKI would do). */
const FORGED_RISK_KEY = {
  publicKeyPem:
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==\n-----END PUBLIC KEY-----\n',
  registeredAt: '2026-01-01T00:00:00Z',
  registeredBy: 'x509::forger',
};

export function shareRows(t: Targets): Row[] {
  const slot = (bankMsp: string, index: string) => [t.cap.coreId, t.currency, bankMsp, index];
  const slotRecord = { coreId: t.cap.coreId, currency: t.currency, bankMsp: 'BankAMSP', index: 0 };
  const request = t.dilutionRequest;
  const pending = key(KeyType.pendingDilutionsByHolder, [request.holderId, request.receivableId, request.id]);
  return [
    // The auditor's limits: no bank raises its own share, nor lowers another's.
    change(
      'consortium cap',
      ['Auditor'],
      "scf.cap.shard (BankA's slot limit raised)",
      put(key(KeyType.capShard, slot('BankAMSP', slotAttribute(0))), json({ ...slotRecord, limit: '999999999999' })),
    ),
    // A bank's draws are its own: every pair without BankA (BankB with anyone among them) is refused.
    change(
      'cap draw (BankA)',
      ['BankA'],
      "scf.cap.draw (BankA's share filled)",
      put(key(KeyType.capDraw, slot('BankAMSP', slotAttribute(0))), json({ ...slotRecord, drawn: '500000000' })),
    ),
    change(
      'cap draw (BankB)',
      ['BankB'],
      "scf.cap.draw (BankB's draw zeroed)",
      put(key(KeyType.capDraw, slot('BankBMSP', slotAttribute(1))), json({ ...slotRecord, bankMsp: 'BankBMSP', index: 1, drawn: '0' })),
    ),
    create('cap draw (BankA)', ['BankA'], "a draw key on BankA's share", (tag) =>
      put(key(KeyType.capDraw, slot('BankAMSP', tag)), json({ ...slotRecord, index: 999, drawn: '1' })),
    ),
    create('consortium cap', ['Auditor'], "a shard limit of BankA's share", (tag) =>
      put(key(KeyType.capShard, slot('BankAMSP', tag)), json({ ...slotRecord, index: 999, limit: '1' })),
    ),
    change(
      'dilution request',
      ['Core', 'Suppliers'],
      'scf.receivable.dilutionRequest (ACCEPTED)',
      put(key(KeyType.dilutionRequest, [request.receivableId, request.id]), json({ ...request, status: 'ACCEPTED' })),
    ),
    change('dilution request', ['Core', 'Suppliers'], 'scf.receivable.dilutionRequest.pending (delete)', del(pending)),
    create('dilution request', ['Core', 'Suppliers'], 'a request of core to supplier-1, with its pending index', (tag) => ({
      writes: [
        { key: key(KeyType.dilutionRequest, [request.receivableId, tag]), value: json({ ...request, id: tag }) },
        { key: key(KeyType.pendingDilutionsByHolder, [request.holderId, request.receivableId, tag]), value: json(1) },
      ],
    })),
    change(
      'legal entity',
      ['Suppliers'],
      'scf.entity (rebound to CoreMSP)',
      put(
        key(KeyType.legalEntity, [t.legalEntityId]),
        json({ legalEntityId: t.legalEntityId, mspId: 'CoreMSP', firstParticipantId: 'core' }),
      ),
    ),
    change(
      'risk key',
      ['BankA'],
      "scf.riskkey (BankA's key replaced)",
      put(key(KeyType.riskKey, ['BankAMSP']), json({ ...FORGED_RISK_KEY, bankMsp: 'BankAMSP' })),
    ),
    create('risk key', ['BankA'], 'a risk key of a bank that registered none', (tag) =>
      put(key(KeyType.riskKey, [tag]), json({ ...FORGED_RISK_KEY, bankMsp: tag })),
    ),
    create('legal entity', ['Suppliers'], 'a binding of a new entity to SuppliersMSP', (tag) =>
      put(key(KeyType.legalEntity, [`ENTITY-${tag}`]), json({ legalEntityId: tag, mspId: 'SuppliersMSP', firstParticipantId: tag })),
    ),
  ];
}
