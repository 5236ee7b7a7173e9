import type { ParticipantStatus } from './records/participant';
import type { Role } from './roles';

/**
 * The visibility table: for every record the ledger keeps, who may read it and which fields are
 * narrower than the record. One table drives every read path — the chaincode's Get/List/History
 * queries, the REST routes (which read the ledger as the caller), the read model, the reports,
 * the chain view and the event stream — and the README's table is generated from it.
 *
 * A reader is judged by its certificate and the participant it is registered as, never by an
 * argument it passes. A suspended participant reads nothing.
 */

/** The classes of reader a record may name; each resolves, per record, to bank orgs or participant ids. */
export const READER_CLASSES = {
  members: 'every registered member and org admin',
  auditor: 'the auditor',
  bank: "the record's bank (its officers and risk gateway)",
  'financing-banks': 'the banks asked to finance the receivable or one along its split tree',
  creditor: 'the supplier that issued it',
  holders: 'its holder and the holders along its split tree (parents and children)',
  debtor: 'the core enterprise that owes it',
  borrower: 'the participant that borrowed',
  core: 'the core enterprise the line is granted on',
  owner: 'the owner of the goods',
  warehouse: 'the warehouse that issued the receipt',
} as const;
export type ReaderClass = keyof typeof READER_CLASSES;

/** The classes that name bank orgs (MSP ids); the others name participant ids. */
export const BANK_CLASSES: readonly ReaderClass[] = ['bank', 'financing-banks'];

export interface FieldVisibility {
  readonly field: string;
  readonly readers: readonly ReaderClass[];
}

export interface RecordVisibility {
  /** The record as the README names it. */
  readonly title: string;
  readonly readers: readonly ReaderClass[];
  /** Fields only some of the record's readers may see; the others get the record without them. */
  readonly narrower: readonly FieldVisibility[];
  /** What every other member gets. */
  readonly others: string;
}

const receivableParties: readonly ReaderClass[] = ['creditor', 'holders', 'debtor', 'financing-banks', 'auditor'];

export const VISIBILITY = {
  participant: {
    title: 'Participant (the directory)',
    readers: ['members'],
    narrower: [],
    others: '–',
  },
  creditLine: {
    title:
      "Credit line, public part (bank, core enterprise, currency, status, what is drawn in all and per tranche, the terms' salted hash)",
    readers: ['bank', 'core', 'auditor'],
    narrower: [],
    others: "the core enterprise's exposure across all banks against its cap (GetCoreExposure)",
  },
  lineTerms: {
    title:
      "A credit line's terms (limit, expiry, maximum advance rate, maximum tenor, grace days, the tranches' limits, headroom): private data of the bank × core collection",
    readers: ['bank', 'core'],
    narrower: [],
    others:
      "nothing, not even the auditor: the line keeps a salted hash of them (termsHash), against which every endorser of an approval checks the terms the bank's gateway passes it",
  },
  coreExposure: {
    title: 'Consortium cap and core exposure (totals across banks)',
    readers: ['members'],
    narrower: [],
    others: '–',
  },
  receivable: {
    title: 'Receivable (and its history)',
    readers: receivableParties,
    narrower: [],
    others: 'nothing (search and reports give aggregates only)',
  },
  dilution: {
    title: 'Dilution and dilution request',
    readers: receivableParties,
    narrower: [],
    others: 'nothing',
  },
  payment: {
    title: 'Payment',
    readers: receivableParties,
    narrower: [],
    others: 'nothing',
  },
  financing: {
    title: 'Financing (and its history)',
    readers: ['bank', 'borrower', 'auditor'],
    narrower: [{ field: 'assessment', readers: ['bank', 'auditor'] }],
    others: 'nothing; reports and the chain view give consortium totals',
  },
  riskAssessment: {
    title: "A bank's risk assessment details (score, reason codes, explanations, inputs)",
    readers: ['bank', 'auditor'],
    narrower: [],
    others:
      "nothing: never on the ledger (ApproveFinancing/RejectFinancing refuse them); the financing's `assessment` keeps the verdict, policy version and inputs hash; the bank's risk gateway keeps the rest (GET /v1/risk/decisions, /v1/risk/inputs/{hash})",
  },
  approvalContext: {
    title: "Approval context (a financing with its line, the core's exposure and the receivable's lineage)",
    readers: ['bank', 'auditor'],
    narrower: [],
    others: 'nothing',
  },
  receipt: {
    title: 'Warehouse receipt',
    readers: ['owner', 'warehouse', 'bank', 'auditor'],
    narrower: [],
    others: 'nothing',
  },
  pledge: {
    title: 'Pledge (loan, haircut, maintenance ratio)',
    readers: ['bank', 'owner', 'auditor'],
    narrower: [],
    others: 'nothing',
  },
  price: {
    title: 'Commodity price',
    readers: ['members'],
    narrower: [],
    others: '–',
  },
  privateTerms: {
    title: 'Private terms of a financing or pledge (rate, fee, internal score)',
    readers: ['bank', 'borrower', 'owner'],
    narrower: [],
    others: 'a salted hash on the record; the auditor checks terms disclosed to it against it',
  },
} as const satisfies Readonly<Record<string, RecordVisibility>>;
export type RecordType = keyof typeof VISIBILITY;

/** Who is reading, as its certificate and registration say. */
export type Reader =
  | { readonly kind: 'auditor' }
  | { readonly kind: 'bank'; readonly bankMsp: string }
  | { readonly kind: 'participant'; readonly participantId: string; readonly mspId: string }
  | { readonly kind: 'org-admin'; readonly mspId: string }
  | { readonly kind: 'nobody' };

export interface ReaderSubject {
  readonly mspId: string;
  readonly isAdmin: boolean;
  readonly participant?: { readonly id: string; readonly role: Role; readonly status: ParticipantStatus };
}

/**
 * The reader a certificate is: the auditor; a bank org's officers and risk gateway read as that
 * bank; every other registered participant as itself; an unregistered org admin reads the
 * directory only (a bank org's admin as its bank). A suspended participant, and an unregistered
 * non-admin, read nothing.
 */
export function readerOf(subject: ReaderSubject): Reader {
  const participant = subject.participant;
  if (participant === undefined) {
    return subject.isAdmin ? { kind: 'org-admin', mspId: subject.mspId } : { kind: 'nobody' };
  }
  if (participant.status === 'SUSPENDED') {
    return { kind: 'nobody' };
  }
  switch (participant.role) {
    case 'auditor':
      return { kind: 'auditor' };
    case 'bank':
    case 'risk-gateway':
      return { kind: 'bank', bankMsp: subject.mspId };
    default:
      return { kind: 'participant', participantId: participant.id, mspId: subject.mspId };
  }
}

/** One record's readers by class: bank classes list bank org MSP ids, the others participant ids. */
export type Parties = Partial<Record<Exclude<ReaderClass, 'members' | 'auditor'>, readonly string[]>>;

function inClass(reader: Reader, cls: ReaderClass, parties: Parties): boolean {
  switch (cls) {
    case 'members':
      return reader.kind !== 'nobody';
    case 'auditor':
      return reader.kind === 'auditor';
    default: {
      const ids = parties[cls] ?? [];
      if (BANK_CLASSES.includes(cls)) {
        return reader.kind === 'bank' && ids.includes(reader.bankMsp);
      }
      return reader.kind === 'participant' && ids.includes(reader.participantId);
    }
  }
}

function inAny(reader: Reader, classes: readonly ReaderClass[], parties: Parties): boolean {
  return classes.some((cls) => inClass(reader, cls, parties));
}

/** Whether `reader` may read a record of `type` whose parties are `parties`. */
export function mayRead(reader: Reader, type: RecordType, parties: Parties): boolean {
  return inAny(reader, VISIBILITY[type].readers, parties);
}

/** The record without the fields `reader` may not see (the record itself, unchanged, when it may see them all). */
export function redact<T extends object>(reader: Reader, type: RecordType, record: T, parties: Parties): T {
  const hidden = (VISIBILITY[type].narrower as readonly FieldVisibility[]).filter((f) => !inAny(reader, f.readers, parties));
  if (hidden.length === 0) {
    return record;
  }
  const names = new Set(hidden.map((f) => f.field));
  return Object.fromEntries(Object.entries(record).filter(([key]) => !names.has(key))) as T;
}

/** The parties a record names in its own fields (a receivable's tree and financing banks are added by who can read the ledger). */
export function directParties(type: RecordType, record: object): Parties {
  const fields = record as Readonly<Record<string, unknown>>;
  const str = (key: string): string[] => {
    const value = fields[key];
    return typeof value === 'string' ? [value] : [];
  };
  switch (type) {
    case 'receivable':
      return { creditor: str('creditorId'), holders: str('holderId'), debtor: str('debtorId') };
    case 'financing':
      return { bank: str('bankMsp'), borrower: str('borrowerId') };
    case 'creditLine':
      return { bank: str('bankMsp'), core: str('coreId') };
    case 'receipt':
      return { owner: str('ownerId'), warehouse: str('warehouseId') };
    case 'pledge':
      return { bank: str('bankMsp'), owner: str('ownerId') };
    case 'payment':
      return { debtor: str('debtorId') };
    default:
      return {};
  }
}

/** Two parties' lists joined. */
export function mergeParties(...all: readonly Parties[]): Parties {
  const merged: Record<string, string[]> = {};
  for (const parties of all) {
    for (const [cls, ids] of Object.entries(parties)) {
      merged[cls] = [...new Set([...(merged[cls] ?? []), ...ids])];
    }
  }
  return merged;
}
