import type { CollectionName } from './collections';
import type { Statement } from './sql';
import type { Role } from '@scf/kernel/roles';
import { BANK_CLASSES, type Reader, type ReaderClass, type RecordType, VISIBILITY } from '@scf/kernel/visibility';

/**
 * Whose data a caller may list in the read model, by the kernel's visibility table
 * (kernel/src/visibility.ts) — the same table the chaincode queries, the events and the README
 * follow: for each record type, the reader classes that may read it, and here, per collection,
 * the SQL condition that puts a reader in each class. The auditor sees everything; anyone sees
 * the transactions it signed itself; a reader in no class sees nothing.
 */
export interface Viewer {
  readonly reader: Reader;
  /** The identity the caller signs with (`creator_msp`, `creator_id` of its own transactions). */
  readonly signer: { readonly mspId: string; readonly clientId: string };
  /** The role the participant is registered in: classes it can never be in are left out of the SQL (an OR the index can't use). */
  readonly role?: Role;
}

/**
 * The only roles the chaincode lets into a participant class: a receivable is issued by a
 * supplier (creditor), owed by a core enterprise (debtor) and split or transferred to suppliers
 * only (holders); a line is granted on a core enterprise. A class not listed admits any role.
 */
const CLASS_ROLES: Partial<Record<ReaderClass, readonly Role[]>> = {
  creditor: ['supplier'],
  holders: ['supplier'],
  debtor: ['core-enterprise'],
  core: ['core-enterprise'],
};

function mayBeIn(viewer: Viewer, cls: ReaderClass): boolean {
  const roles = CLASS_ROLES[cls];
  return viewer.role === undefined || roles === undefined || roles.includes(viewer.role);
}

/** `undefined`: no restriction (auditor); `null`: nothing visible. */
export type Scope = Statement | undefined | null;

const where = (sql: string, ...params: string[]): Statement => ({ sql, params });

/**
 * The receivables along the split trees of the receivables `seed` selects (one `?`): each seed,
 * its parents up to the root and all its children — the visibility table's "along its split tree".
 */
function alongTrees(seed: string): string {
  return `WITH RECURSIVE seed(id) AS (${seed}),
    up(id, parent_id) AS (
      SELECT r.id, r.parent_id FROM rm_receivables r WHERE r.id IN (SELECT id FROM seed)
      UNION SELECT r.id, r.parent_id FROM rm_receivables r JOIN up ON r.id = up.parent_id),
    down(id) AS (SELECT id FROM seed UNION SELECT r.id FROM rm_receivables r JOIN down ON r.parent_id = down.id)
    SELECT id FROM up UNION SELECT id FROM down`;
}

type ClassSql = (id: string) => Statement;

/** A receivable's reader classes as conditions on rm_receivables (`id` is the receivable's id). */
const RECEIVABLE_CLASSES: Partial<Record<ReaderClass, ClassSql>> = {
  creditor: (p) => where('creditor_id = ?', p),
  debtor: (p) => where('debtor_id = ?', p),
  holders: (p) => where(`id IN (${alongTrees('SELECT id FROM rm_receivables WHERE holder_id = ?')})`, p),
  'financing-banks': (b) => where(`id IN (${alongTrees('SELECT receivable_id FROM rm_financings WHERE bank_msp = ?')})`, b),
};

/** The same classes for a record about a receivable (`receivable_id` names it). */
const ABOUT_RECEIVABLE_CLASSES: Partial<Record<ReaderClass, ClassSql>> = Object.fromEntries(
  Object.entries(RECEIVABLE_CLASSES).map(([cls, sql]) => [
    cls,
    (id: string): Statement => {
      const inner = sql(id);
      return { sql: `receivable_id IN (SELECT id FROM rm_receivables WHERE ${inner.sql})`, params: inner.params };
    },
  ]),
);

type EntityCollection = Exclude<CollectionName, 'transactions'>;

/** Each collection's record type in the visibility table, and how each of its reader classes reads as SQL. */
const COLLECTIONS: Readonly<
  Record<EntityCollection, { readonly type: RecordType; readonly classes: Partial<Record<ReaderClass, ClassSql>> }>
> = {
  receivables: { type: 'receivable', classes: RECEIVABLE_CLASSES },
  payments: { type: 'payment', classes: { ...ABOUT_RECEIVABLE_CLASSES, debtor: (p) => where('debtor_id = ?', p) } },
  dilutionRequests: {
    type: 'dilution',
    classes: {
      ...ABOUT_RECEIVABLE_CLASSES,
      debtor: (p) => where('debtor_id = ?', p),
      holders: (p) => {
        const tree = ABOUT_RECEIVABLE_CLASSES.holders?.(p) ?? where('1 = 0');
        return { sql: `holder_id = ? OR ${tree.sql}`, params: [p, ...tree.params] };
      },
    },
  },
  financings: {
    type: 'financing',
    classes: { bank: (b) => where('bank_msp = ?', b), borrower: (p) => where('borrower_id = ?', p) },
  },
  creditLines: {
    type: 'creditLine',
    classes: { bank: (b) => where('bank_msp = ?', b), core: (p) => where('core_id = ?', p) },
  },
};

/** The id a reader is known by in `cls`: its bank org for the bank classes, its participant id for the others. */
function idIn(reader: Reader, cls: ReaderClass): string | undefined {
  if (BANK_CLASSES.includes(cls)) {
    return reader.kind === 'bank' ? reader.bankMsp : undefined;
  }
  return reader.kind === 'participant' ? reader.participantId : undefined;
}

export function scopeFor(viewer: Viewer, collection: CollectionName): Scope {
  const { reader, signer } = viewer;
  if (reader.kind === 'auditor') {
    return undefined;
  }
  if (collection === 'transactions') {
    return where('creator_msp = ? AND creator_id = ?', signer.mspId, signer.clientId);
  }
  if (reader.kind === 'nobody') {
    return null;
  }
  const { type, classes } = COLLECTIONS[collection];
  const conditions: Statement[] = [];
  for (const cls of VISIBILITY[type].readers) {
    const id = mayBeIn(viewer, cls) ? idIn(reader, cls) : undefined;
    const sql = classes[cls];
    if (cls !== 'auditor' && sql === undefined) {
      throw new Error(`the read model has no condition for ${cls} readers of ${collection}`);
    }
    if (id !== undefined && sql !== undefined) {
      conditions.push(sql(id));
    }
  }
  if (conditions.length === 0) {
    return null;
  }
  return { sql: `(${conditions.map((c) => `(${c.sql})`).join(' OR ')})`, params: conditions.flatMap((c) => c.params) };
}
