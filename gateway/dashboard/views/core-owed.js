// Core enterprise: what it owes, to whom (the current holders of its open receivables).
import { chartValue, el, errorNotice, money, sumAmounts, table } from '../lib/ui.js';

export const title = 'What we owe';

const PAGE = 100;
const MAX_PAGES = 5;
const OPEN = new Set(['ISSUED', 'DISPUTED', 'CONFIRMED', 'FINANCED']);

async function openReceivables(ctx) {
  const items = [];
  let cursor;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await ctx.api(
      `/v1/search/receivables?sort=dueDate&limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...answer.items.filter((r) => OPEN.has(r.status) && BigInt(r.outstanding) > 0n));
    cursor = answer.nextCursor;
    if (!cursor) {
      return { items, complete: true };
    }
  }
  return { items, complete: false };
}

export async function render(root, ctx) {
  let result;
  try {
    result = await openReceivables(ctx);
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load what is owed'));
    return;
  }
  const groups = new Map();
  for (const r of result.items) {
    const key = `${r.holderId}|${r.currency}`;
    const group = groups.get(key) ?? {
      holderId: r.holderId,
      currency: r.currency,
      amounts: [],
      count: 0,
      financed: 0,
      confirmed: 0,
      nextDue: r.dueDate,
    };
    group.amounts.push(r.outstanding);
    group.count += 1;
    group.financed += r.financingId ? 1 : 0;
    group.confirmed += r.status === 'CONFIRMED' || r.status === 'FINANCED' ? 1 : 0;
    group.nextDue = r.dueDate < group.nextDue ? r.dueDate : group.nextDue;
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .map((g) => ({ ...g, total: sumAmounts(g.amounts) }))
    .sort((a, b) => (BigInt(b.total) > BigInt(a.total) ? 1 : -1));
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `Outstanding by holder: ${rows.map((r) => `${r.holderId} ${money(r.total, r.currency)}`).join(', ')}`,
  });
  root.replaceChildren(
    el('h2', {}, title),
    result.complete ? '' : el('p', { className: 'notice' }, `Showing the first ${PAGE * MAX_PAGES} receivables by due date.`),
    el(
      'div',
      { className: 'grid' },
      el('div', { className: 'card' }, el('h3', {}, 'Outstanding by holder'), el('div', { className: 'chart-box' }, canvas)),
      el(
        'div',
        {},
        table({
          caption: 'Owed to',
          empty: 'Nothing is owed.',
          rows,
          columns: [
            { label: 'Holder', value: (r) => r.holderId },
            { label: 'Outstanding', num: true, value: (r) => money(r.total, r.currency) },
            { label: 'Receivables', num: true, value: (r) => String(r.count) },
            { label: 'Confirmed', num: true, value: (r) => String(r.confirmed) },
            { label: 'Financed', num: true, value: (r) => String(r.financed) },
            { label: 'Next due', value: (r) => r.nextDue },
          ],
        }),
      ),
    ),
  );
  if (rows.length > 0) {
    ctx.chart(canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => `${r.holderId} (${r.currency})`),
        datasets: [{ label: 'Outstanding (major units)', data: rows.map((r) => chartValue(r.total)), backgroundColor: '#1d5fbf' }],
      },
      options: { indexAxis: 'y', maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } },
    });
  }
}
