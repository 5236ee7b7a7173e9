// Core enterprise: when its confirmed obligations fall due, month by month.
import { badge, el, errorNotice, money, sumAmounts, table, today } from '../lib/ui.js';

export const title = 'Due calendar';

/** Month shown, kept across redraws: first day, YYYY-MM-01. */
let month = `${today().slice(0, 7)}-01`;

const OPEN = new Set(['ISSUED', 'DISPUTED', 'CONFIRMED', 'FINANCED']);

function addMonths(first, n) {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 10);
}

function lastDay(first) {
  const d = new Date(`${addMonths(first, 1)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

function totalsByCurrency(items) {
  const byCurrency = new Map();
  for (const r of items) {
    byCurrency.set(r.currency, [...(byCurrency.get(r.currency) ?? []), r.outstanding]);
  }
  return [...byCurrency].map(([currency, amounts]) => money(sumAmounts(amounts), currency)).join(' · ');
}

function grid(first, items) {
  const byDay = new Map();
  for (const r of items) {
    byDay.set(r.dueDate, [...(byDay.get(r.dueDate) ?? []), r]);
  }
  const start = new Date(`${first}T00:00:00Z`);
  const offset = (start.getUTCDay() + 6) % 7; // weeks start on Monday
  const days = Number(lastDay(first).slice(8));
  const cells = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((d) => el('div', { className: 'head', 'aria-hidden': 'true' }, d));
  for (let i = 0; i < offset; i++) {
    cells.push(el('div', { 'aria-hidden': 'true' }));
  }
  const now = today();
  for (let day = 1; day <= days; day++) {
    const date = `${first.slice(0, 8)}${String(day).padStart(2, '0')}`;
    const due = byDay.get(date) ?? [];
    const label = due.length === 0 ? `${date}: nothing due` : `${date}: ${due.length} due, ${totalsByCurrency(due)}`;
    cells.push(
      el(
        'div',
        { className: `day${due.length ? ' has' : ''}${date < now ? ' past' : ''}`, 'aria-label': label, role: 'listitem' },
        el('strong', {}, String(day)),
        due.length ? el('div', {}, `${due.length} due`, el('br'), totalsByCurrency(due)) : '',
      ),
    );
  }
  return el('div', { className: 'calendar', role: 'list', 'aria-label': `Due dates in ${first.slice(0, 7)}` }, cells);
}

export async function render(root, ctx) {
  const to = lastDay(month);
  let items;
  let upcoming;
  try {
    const [page, next] = await Promise.all([
      ctx.api(`/v1/search/receivables?dueFrom=${month}&dueTo=${to}&sort=dueDate&limit=100`),
      ctx.api(`/v1/search/receivables?dueFrom=${today()}&sort=dueDate&limit=100`),
    ]);
    items = page.items.filter((r) => OPEN.has(r.status) && BigInt(r.outstanding) > 0n);
    upcoming = [...new Set(next.items.filter((r) => OPEN.has(r.status) && BigInt(r.outstanding) > 0n).map((r) => r.dueDate))].slice(0, 5);
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the due dates'));
    return;
  }
  const go = (n) => () => {
    month = addMonths(month, n);
    void render(root, ctx).then(() => document.getElementById(n < 0 ? 'cal-prev' : 'cal-next')?.focus());
  };
  root.replaceChildren(
    el('h2', {}, `${title}: ${month.slice(0, 7)}`),
    el(
      'div',
      { className: 'inline' },
      el('button', { type: 'button', id: 'cal-prev', className: 'secondary', onClick: go(-1) }, '← Previous month'),
      el('button', { type: 'button', id: 'cal-next', className: 'secondary', onClick: go(1) }, 'Next month →'),
    ),
    el(
      'p',
      {},
      items.length === 0 ? 'Nothing falls due this month.' : `Due this month: ${totalsByCurrency(items)} on ${items.length} receivables.`,
    ),
    el(
      'p',
      { className: 'muted' },
      upcoming.length === 0 ? 'Nothing open falls due from today on.' : `Next due dates: ${upcoming.join(', ')}.`,
    ),
    grid(month, items),
    table({
      caption: 'Due this month',
      rows: items,
      columns: [
        { label: 'Due', value: (r) => r.dueDate },
        { label: 'Receivable', value: (r) => el('span', { className: 'mono' }, r.id) },
        { label: 'Payee (holder)', value: (r) => r.holderId },
        { label: 'Outstanding', num: true, value: (r) => money(r.outstanding, r.currency) },
        { label: 'Status', value: (r) => el('span', {}, badge(r.status), ' ', r.delinquency !== 'CURRENT' ? badge(r.delinquency) : '') },
      ],
    }),
  );
}
