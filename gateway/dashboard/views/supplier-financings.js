// Supplier: its financing requests and their status, and the credit lines it could finance on.
import { badge, el, errorNotice, firstRows, money, shortTime, table, today } from '../lib/ui.js';

export const title = 'Financing';

const MAX_OFFERS = 10;

/** Lines on the debtors of its confirmed, unencumbered receivables: the offers it can draw on. */
async function offers(ctx, receivables) {
  const eligible = receivables.filter((r) => r.status === 'CONFIRMED' && !r.financingId && BigInt(r.outstanding) > 0n);
  const debtors = [...new Set(eligible.map((r) => r.debtorId))];
  const linesByDebtor = new Map(
    await Promise.all(
      debtors.map(async (d) => [d, await ctx.api(`/v1/participants/${encodeURIComponent(d)}/credit-lines`).catch(() => [])]),
    ),
  );
  const now = today();
  const rows = [];
  for (const r of eligible) {
    for (const line of linesByDebtor.get(r.debtorId) ?? []) {
      if (line.status === 'ACTIVE' && line.currency === r.currency && line.expiresOn >= now) {
        rows.push({ receivable: r, line, upTo: ((BigInt(r.outstanding) * BigInt(line.maxAdvanceRateBps)) / 10000n).toString() });
      }
    }
  }
  rows.sort((a, b) => (BigInt(b.upTo) > BigInt(a.upTo) ? 1 : BigInt(b.upTo) < BigInt(a.upTo) ? -1 : a.line.id.localeCompare(b.line.id)));
  return { rows: rows.slice(0, MAX_OFFERS), total: rows.length, eligible: eligible.length };
}

export async function render(root, ctx) {
  let financings;
  let receivables;
  try {
    [financings, receivables] = await Promise.all([
      ctx.api('/v1/search/financings?sort=-requestedAt&limit=50'),
      ctx.api('/v1/search/receivables?status=CONFIRMED&sort=-updatedAt&limit=50'),
    ]);
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the financings'));
    return;
  }
  const available = await offers(ctx, receivables.items).catch((error) => ({ error }));
  const visible = firstRows('financings', financings.items, () => render(root, ctx), 15);
  root.replaceChildren(
    el('h2', {}, title),
    table({
      caption: 'Your financing requests (latest 50)',
      empty: 'No financing requested yet.',
      rows: visible.rows,
      rowAttributes: (f) => ({ dataset: { financing: f.id } }),
      columns: [
        { label: 'Financing', value: (f) => el('span', { className: 'mono' }, f.id) },
        { label: 'Receivable', value: (f) => el('span', { className: 'mono' }, f.receivableId) },
        { label: 'Bank', value: (f) => f.bankMsp },
        { label: 'Amount', num: true, value: (f) => money(f.amount, f.currency) },
        { label: 'Outstanding', num: true, value: (f) => money(f.outstandingPrincipal, f.currency) },
        { label: 'Maturity', value: (f) => f.maturityDate },
        { label: 'Status', value: (f) => badge(f.status) },
        { label: 'Reasons', value: (f) => (f.assessment?.reasonCodes ?? []).join(', ') || '–' },
        { label: 'Requested', value: (f) => shortTime(f.requestedAt) },
      ],
    }),
    visible.more,
    available.error
      ? errorNotice(available.error, 'Could not load the offers')
      : table({
          caption: `Financing offers: lines you can draw on (${available.rows.length} of ${available.total})`,
          empty:
            available.eligible === 0
              ? 'No confirmed receivable is free to finance.'
              : 'No open credit line covers your confirmed receivables.',
          rows: available.rows,
          columns: [
            { label: 'Receivable', value: (o) => el('span', { className: 'mono' }, o.receivable.id) },
            { label: 'Bank', value: (o) => o.line.bankMsp },
            { label: 'Line', value: (o) => el('span', { className: 'mono' }, o.line.id) },
            { label: 'Up to', num: true, value: (o) => money(o.upTo, o.receivable.currency) },
            { label: 'Max advance', num: true, value: (o) => `${Number(o.line.maxAdvanceRateBps) / 100} %` },
            { label: 'Max tenor', num: true, value: (o) => `${o.line.maxTenorDays} d` },
            { label: 'Line expires', value: (o) => o.line.expiresOn },
          ],
        }),
    el('p', { className: 'muted' }, 'Request one with POST /v1/financings; the bank’s risk gate decides.'),
  );
}
