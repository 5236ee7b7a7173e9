import { asText as text } from './sql';
import type { SqlExecutor } from './sql-executor';
import type { Parties } from '@scf/kernel/visibility';

/** How far a split tree is walked, as the chaincode's read scope does. */
const MAX_TREE = 64;

interface Node {
  readonly id: string;
  readonly parentId: string | undefined;
  readonly holderId: string;
  readonly creditorId: string;
  readonly debtorId: string;
}

/** `start` and its parents up to the root, then all its children, breadth first (at most MAX_TREE nodes). */
function treeOf(start: Node, byId: ReadonlyMap<string, Node>, children: ReadonlyMap<string, readonly string[]>): Node[] {
  const nodes = [start];
  for (let top = byId.get(start.parentId ?? ''); top !== undefined && nodes.length < MAX_TREE; top = byId.get(top.parentId ?? '')) {
    nodes.push(top);
  }
  const queue = [...(children.get(start.id) ?? [])];
  for (let next = queue.shift(); next !== undefined && nodes.length < MAX_TREE; next = queue.shift()) {
    const child = byId.get(next);
    if (child !== undefined) {
      nodes.push(child);
      queue.push(...(children.get(child.id) ?? []));
    }
  }
  return nodes;
}

/**
 * The readers the visibility table gives each receivable in `ids` (kernel/src/visibility.ts, the
 * same walk as the chaincode's ReadScope): its creditor and debtor, the holders along its split
 * tree (parents and children) and every bank asked to finance one of those nodes. Receivables the
 * read model does not know are left out.
 */
export async function receivableTrees(sql: Pick<SqlExecutor, 'all'>, ids: readonly string[]): Promise<Map<string, Parties>> {
  const trees = new Map<string, Parties>();
  if (ids.length === 0) {
    return trees;
  }
  const marks = ids.map(() => '?').join(', ');
  const rows = await sql.all(
    `SELECT id, parent_id, holder_id, creditor_id, debtor_id FROM rm_receivables
     WHERE root_id IN (SELECT root_id FROM rm_receivables WHERE id IN (${marks}))`,
    ids,
  );
  const byId = new Map<string, Node>();
  const children = new Map<string, string[]>();
  for (const row of rows) {
    const node: Node = {
      id: text(row.id),
      parentId: row.parent_id === null || row.parent_id === undefined ? undefined : text(row.parent_id),
      holderId: text(row.holder_id),
      creditorId: text(row.creditor_id),
      debtorId: text(row.debtor_id),
    };
    byId.set(node.id, node);
    if (node.parentId !== undefined) {
      children.set(node.parentId, [...(children.get(node.parentId) ?? []), node.id]);
    }
  }
  const banksOf = new Map<string, string[]>();
  if (byId.size > 0) {
    const nodeIds = [...byId.keys()];
    const financed = await sql.all(
      `SELECT receivable_id, bank_msp FROM rm_financings WHERE receivable_id IN (${nodeIds.map(() => '?').join(', ')})`,
      nodeIds,
    );
    for (const row of financed) {
      const id = text(row.receivable_id);
      banksOf.set(id, [...(banksOf.get(id) ?? []), text(row.bank_msp)]);
    }
  }
  for (const id of ids) {
    const start = byId.get(id);
    if (start === undefined) {
      continue;
    }
    const nodes = treeOf(start, byId, children);
    trees.set(id, {
      creditor: [start.creditorId],
      debtor: [start.debtorId],
      holders: [...new Set(nodes.map((n) => n.holderId))],
      'financing-banks': [...new Set(nodes.flatMap((n) => banksOf.get(n.id) ?? []))],
    });
  }
  return trees;
}
