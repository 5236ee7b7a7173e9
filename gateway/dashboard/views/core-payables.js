// Core enterprise: receivables issued on it that wait for its confirmation, with Confirm.
import { actionButton, badge, el, errorNotice, firstRows, money, statusLine, table, writeOnce } from '../lib/ui.js';

export const title = 'Payables to confirm';

/** Issued and disputed receivables owed by the caller (the read model scopes them), newest first. */
async function waiting(ctx) {
  const pages = await Promise.all(
    ['ISSUED', 'DISPUTED'].map((status) => ctx.api(`/v1/search/receivables?status=${status}&sort=-createdAt&limit=100`)),
  );
  const items = pages.flatMap((p) => p.items).sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  return { items, truncated: pages.some((p) => p.nextCursor) };
}

export async function render(root, ctx) {
  let rows;
  let truncated;
  try {
    ({ items: rows, truncated } = await waiting(ctx));
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the payables'));
    return;
  }
  const status = statusLine('payables-status');
  const confirm = (r) =>
    actionButton('Confirm', {
      ariaLabel: `Confirm ${r.id}`,
      status,
      action: async () => {
        const confirmed = await writeOnce(`confirm:${r.id}`, (headers) =>
          ctx.api(`/v1/receivables/${encodeURIComponent(r.id)}/confirm`, { method: 'POST', headers }),
        );
        return `${r.id} confirmed (block ${confirmed.blockNumber ?? '?'}, tx ${String(confirmed.transactionId).slice(0, 12)}…).`;
      },
      then: () => render(root, ctx),
    });
  const visible = firstRows('payables', rows, () => render(root, ctx));
  root.replaceChildren(
    el('h2', {}, title),
    el(
      'p',
      { className: 'muted' },
      'Invoices your suppliers issued on you. Confirming one makes it a payment obligation they can pass on or finance.',
    ),
    status,
    table({
      caption: `Waiting for confirmation (${rows.length}${truncated ? '+' : ''}, newest first)`,
      empty: 'No payable is waiting for confirmation.',
      rows: visible.rows,
      rowAttributes: (r) => ({ dataset: { receivable: r.id } }),
      columns: [
        { label: 'Receivable', value: (r) => el('span', { className: 'mono' }, r.id) },
        { label: 'Supplier', value: (r) => r.creditorId },
        { label: 'Invoice', value: (r) => r.invoiceNumber },
        { label: 'Amount', num: true, value: (r) => money(r.face, r.currency) },
        { label: 'Issued', value: (r) => r.issueDate },
        { label: 'Due', value: (r) => r.dueDate },
        {
          label: 'Status',
          value: (r) => el('span', {}, badge(r.status), r.disputeReason ? el('span', { className: 'muted' }, ` ${r.disputeReason}`) : ''),
        },
        { label: 'Action', value: (r) => confirm(r) },
      ],
    }),
    visible.more,
  );
}
