// Auditor: the consortium reports (GET /v1/reports/*) as charts and tables, with CSV downloads.
import { chartValue, el, errorNotice, money, table, today } from '../lib/ui.js';

export const title = 'Reports';

const BUCKETS = ['current', '1-30', '31-60', '61-90', '90+'];

/** Share in percent with two decimals, computed exactly on minor units. */
function percentOf(part, whole) {
  const w = BigInt(whole);
  return w === 0n ? 0 : Number((BigInt(part) * 10000n) / w) / 100;
}

async function load(ctx, path) {
  try {
    return { data: await ctx.api(path) };
  } catch (error) {
    return error.status === 404 ? { missing: true } : { error };
  }
}

function csvButton(ctx, path, name) {
  return el(
    'button',
    {
      type: 'button',
      className: 'secondary',
      'aria-label': `Download ${name} as CSV`,
      onClick: async () => {
        const csv = await ctx.apiText(`${path}${path.includes('?') ? '&' : '?'}format=csv`);
        const link = el('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: `${name}-${today()}.csv` });
        document.body.append(link);
        link.click();
        link.remove();
        URL.revokeObjectURL(link.href);
      },
    },
    'CSV',
  );
}

function section(id, heading, loaded, body) {
  const head = el('h3', { id }, heading);
  if (loaded.missing) {
    return el(
      'section',
      { className: 'card', 'aria-labelledby': id },
      head,
      el('p', { className: 'notice' }, 'This report is not available on this gateway yet.'),
    );
  }
  if (loaded.error) {
    return el('section', { className: 'card', 'aria-labelledby': id }, head, errorNotice(loaded.error, 'Could not load it'));
  }
  return el('section', { className: 'card', 'aria-labelledby': id }, head, ...body(loaded.data));
}

export async function render(root, ctx) {
  const from = new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
  const paths = {
    exposure: '/v1/reports/exposure',
    aging: `/v1/reports/overdue-aging?asOf=${today()}`,
    decisions: `/v1/reports/risk-decisions?from=${from}&to=${today()}`,
    concentration: '/v1/reports/concentration',
  };
  const [exposure, aging, decisions, concentration] = await Promise.all(Object.values(paths).map((p) => load(ctx, p)));
  const charts = [];
  const chartCanvas = (label, config) => {
    const canvas = el('canvas', { role: 'img', 'aria-label': label });
    charts.push(() => ctx.chart(canvas, config));
    return el('div', { className: 'chart-box' }, canvas);
  };
  const options = { maintainAspectRatio: false, animation: false };

  root.replaceChildren(
    el('h2', {}, title),
    el(
      'div',
      { className: 'grid' },
      section('rep-exposure', 'Exposure by core enterprise', exposure, (r) => [
        el('p', { className: 'muted' }, `As of ${r.asOf} `, csvButton(ctx, paths.exposure, 'exposure')),
        chartCanvas(
          `Consortium cap used per core enterprise: ${r.byCore.map((c) => `${c.coreId} ${money(c.exposure, c.currency)} of ${money(c.consortiumCap, c.currency)} (${percentOf(c.exposure, c.consortiumCap)} %)`).join('; ')}`,
          {
            type: 'bar',
            data: {
              labels: r.byCore.map((c) => `${c.coreId} (${c.currency})`),
              datasets: [
                {
                  label: 'Consortium cap used (%)',
                  data: r.byCore.map((c) => percentOf(c.exposure, c.consortiumCap)),
                  backgroundColor: '#1d5fbf',
                },
                {
                  label: 'Bank lines used (%)',
                  data: r.byCore.map((c) => percentOf(c.exposure, c.banks.reduce((t, b) => t + BigInt(b.limit), 0n).toString())),
                  backgroundColor: '#9a5b00',
                },
              ],
            },
            options: { ...options, scales: { y: { min: 0, suggestedMax: 100, title: { display: true, text: '% of limit' } } } },
          },
        ),
        table({
          caption: 'By core enterprise',
          rows: r.byCore,
          columns: [
            { label: 'Core enterprise', value: (c) => c.coreId },
            { label: 'Exposure', num: true, value: (c) => money(c.exposure, c.currency) },
            { label: 'Cap', num: true, value: (c) => money(c.consortiumCap, c.currency) },
            { label: 'Headroom', num: true, value: (c) => money(c.headroom, c.currency) },
          ],
        }),
        table({
          caption: 'By bank',
          rows: r.byBank,
          columns: [
            { label: 'Bank', value: (b) => b.bankMsp },
            { label: 'Limit', num: true, value: (b) => money(b.limit, b.currency) },
            { label: 'Exposure', num: true, value: (b) => money(b.exposure, b.currency) },
            { label: 'Headroom', num: true, value: (b) => money(b.headroom, b.currency) },
          ],
        }),
      ]),
      section('rep-aging', 'Overdue aging', aging, (r) => [
        el('p', { className: 'muted' }, `As of ${r.asOf} `, csvButton(ctx, paths.aging, 'overdue-aging')),
        chartCanvas(`Outstanding by days overdue: ${r.buckets.map((b) => `${b.bucket} ${money(b.receivableOutstanding)}`).join('; ')}`, {
          type: 'bar',
          data: {
            labels: r.buckets.map((b) => b.bucket),
            datasets: [
              {
                label: 'Receivables outstanding',
                data: r.buckets.map((b) => chartValue(b.receivableOutstanding)),
                backgroundColor: '#9a5b00',
              },
              {
                label: 'Financings outstanding',
                data: r.buckets.map((b) => chartValue(b.financingOutstanding)),
                backgroundColor: '#b3261e',
              },
            ],
          },
          options,
        }),
        table({
          caption: 'Buckets',
          rows: [...r.buckets].sort((a, b) => BUCKETS.indexOf(a.bucket) - BUCKETS.indexOf(b.bucket)),
          columns: [
            { label: 'Days overdue', value: (b) => b.bucket },
            { label: 'Receivables', num: true, value: (b) => String(b.receivableCount) },
            { label: 'Outstanding', num: true, value: (b) => money(b.receivableOutstanding) },
            { label: 'Financings', num: true, value: (b) => String(b.financingCount) },
            { label: 'Principal', num: true, value: (b) => money(b.financingOutstanding) },
          ],
        }),
      ]),
      section('rep-decisions', 'Risk decisions, last 30 days', decisions, (r) => {
        const days = [...new Set(r.rows.map((row) => row.day))].sort();
        const outcomes = [...new Set(r.rows.map((row) => row.outcome))].sort();
        const colours = { APPROVE: '#1b7a3d', REVIEW: '#9a5b00', REJECT: '#b3261e' };
        const count = (day, outcome) =>
          r.rows.filter((row) => row.day === day && row.outcome === outcome).reduce((t, row) => t + row.count, 0);
        const reasons = new Map();
        for (const row of r.rows) {
          reasons.set(row.reasonCode, (reasons.get(row.reasonCode) ?? 0) + row.count);
        }
        return [
          el('p', { className: 'muted' }, `${r.from} to ${r.to} `, csvButton(ctx, paths.decisions, 'risk-decisions')),
          chartCanvas(
            `Decisions per day by outcome: ${outcomes.map((o) => `${o} ${days.reduce((t, d) => t + count(d, o), 0)}`).join(', ')}`,
            {
              type: 'bar',
              data: {
                labels: days,
                datasets: outcomes.map((o) => ({ label: o, data: days.map((d) => count(d, o)), backgroundColor: colours[o] ?? '#5b6675' })),
              },
              options: { ...options, scales: { x: { stacked: true }, y: { stacked: true } } },
            },
          ),
          table({
            caption: 'By reason code',
            rows: [...reasons].sort((a, b) => b[1] - a[1]),
            columns: [
              { label: 'Reason', value: ([code]) => code },
              { label: 'Count', num: true, value: ([, n]) => String(n) },
            ],
          }),
        ];
      }),
      section('rep-concentration', 'Concentration', concentration, (r) => [
        el('p', { className: 'muted' }, `As of ${r.asOf} `, csvButton(ctx, paths.concentration, 'concentration')),
        table({
          caption: 'Per bank (HHI over borrowers: 1.0000 = a single borrower)',
          rows: r.banks,
          columns: [
            { label: 'Bank', value: (b) => b.bankMsp },
            { label: 'Exposure', num: true, value: (b) => money(b.exposure, b.currency) },
            { label: 'HHI', num: true, value: (b) => b.hhi },
            { label: 'Largest core', value: (b) => (b.byCore[0] ? `${b.byCore[0].coreId} (${b.byCore[0].share})` : '–') },
            {
              label: 'Largest borrower',
              value: (b) => (b.byBorrower[0] ? `${b.byBorrower[0].borrowerId} (${b.byBorrower[0].share})` : '–'),
            },
          ],
        }),
      ]),
    ),
  );
  charts.forEach((draw) => draw());
}
