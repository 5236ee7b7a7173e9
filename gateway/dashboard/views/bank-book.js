// Bank officer: its book by core enterprise (limits, exposure, headroom) and its credit lines.
import { el, errorNotice, money, sumAmounts, table } from '../lib/ui.js';

export const title = 'Book';

async function exposureReport(ctx) {
  try {
    return { report: await ctx.api('/v1/reports/exposure') };
  } catch (error) {
    if (error.status === 404) {
      return { missing: true };
    }
    return { error };
  }
}

/**
 * Used share of a limit in percent with two decimals, computed exactly on minor units; null when
 * the limit is not known (a line whose private terms this gateway does not hold yet).
 */
function utilisation(exposure, limit) {
  if (limit === null || limit === undefined) {
    return null;
  }
  const l = BigInt(limit);
  return l === 0n ? 0 : Number((BigInt(exposure) * 10000n) / l) / 100;
}

/** A utilisation for text: '–' when it is not known. */
function percent(value) {
  return value === null ? '–' : `${value.toFixed(2)} %`;
}

/** Utilisation rather than amounts: lines of very different sizes stay readable on one axis. */
function exposureChart(ctx, canvas, lines) {
  ctx.chart(canvas, {
    type: 'bar',
    data: {
      labels: lines.map((l) => `${l.coreId} (${l.currency})`),
      datasets: [
        { label: 'Our lines used (%)', data: lines.map((l) => utilisation(l.exposure, l.limit)), backgroundColor: '#1d5fbf' },
        {
          label: 'Consortium cap used (%)',
          data: lines.map((l) => utilisation(l.consortiumExposure, l.consortiumCap)),
          backgroundColor: '#9a5b00',
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, suggestedMax: 100, title: { display: true, text: '% of limit' } } },
    },
  });
}

export async function render(root, ctx) {
  const [{ report, missing, error }, lines] = await Promise.all([
    exposureReport(ctx),
    ctx.api('/v1/search/credit-lines?sort=-createdAt&limit=20').catch((e) => ({ error: e })),
  ]);
  const parts = [el('h2', {}, `${title}: ${ctx.me.mspId}`)];
  const afterAttach = [];
  if (missing) {
    parts.push(el('p', { className: 'notice' }, 'The exposure report (GET /v1/reports/exposure) is not available on this gateway yet.'));
  } else if (error) {
    parts.push(errorNotice(error, 'Could not load the exposure report'));
  } else {
    const byCore = report.byCore.map((c) => {
      const own = c.banks.filter((b) => b.bankMsp === ctx.me.mspId || ctx.role === 'auditor');
      // A bank's entry has no limit (null) while one of its lines' terms is not held: then neither has the sum.
      const sum = (field) => (own.some((b) => b[field] === null) ? null : sumAmounts(own.map((b) => b[field])));
      return {
        coreId: c.coreId,
        currency: c.currency,
        limit: sum('limit'),
        exposure: sum('exposure'),
        headroom: sum('headroom'),
        consortiumExposure: c.exposure,
        consortiumCap: c.consortiumCap,
        capHeadroom: c.headroom,
        lineIds: own.flatMap((b) => b.lineIds),
      };
    });
    const canvas = el('canvas', {
      role: 'img',
      'aria-label': `Share of limits used per core enterprise: ${byCore.map((c) => `${c.coreId}: our lines ${percent(utilisation(c.exposure, c.limit))}, consortium cap ${percent(utilisation(c.consortiumExposure, c.consortiumCap))}`).join('; ')}`,
    });
    parts.push(
      el('p', { className: 'muted' }, `As of ${report.asOf}.`),
      el('div', { className: 'card' }, el('h3', {}, 'Limits used by core enterprise'), el('div', { className: 'chart-box' }, canvas)),
      table({
        caption: 'By core enterprise',
        empty: 'No exposure.',
        rows: byCore,
        columns: [
          { label: 'Core enterprise', value: (c) => c.coreId },
          { label: 'Our limit', num: true, value: (c) => money(c.limit, c.currency) },
          { label: 'Our exposure', num: true, value: (c) => money(c.exposure, c.currency) },
          { label: 'Our headroom', num: true, value: (c) => money(c.headroom, c.currency) },
          { label: 'Consortium exposure', num: true, value: (c) => money(c.consortiumExposure, c.currency) },
          { label: 'Consortium cap', num: true, value: (c) => money(c.consortiumCap, c.currency) },
          { label: 'Used', num: true, value: (c) => percent(utilisation(c.exposure, c.limit)) },
          { label: 'Lines', num: true, value: (c) => String(c.lineIds.length) },
        ],
      }),
    );
    if (byCore.length > 0) {
      afterAttach.push(() => exposureChart(ctx, canvas, byCore));
    }
  }
  if (lines.error) {
    parts.push(errorNotice(lines.error, 'Could not load the credit lines'));
  } else {
    parts.push(
      table({
        caption: 'Credit lines (latest 20)',
        empty: 'No credit line granted yet.',
        rows: lines.items,
        columns: [
          { label: 'Line', value: (l) => el('span', { className: 'mono' }, l.id) },
          { label: 'Core enterprise', value: (l) => l.coreId },
          { label: 'Limit', num: true, value: (l) => money(l.limit, l.currency) },
          {
            label: 'Max advance',
            num: true,
            value: (l) => (l.maxAdvanceRateBps == null ? '–' : `${(Number(l.maxAdvanceRateBps) / 100).toFixed(2)} %`),
          },
          { label: 'Max tenor', num: true, value: (l) => (l.maxTenorDays == null ? '–' : `${l.maxTenorDays} d`) },
          { label: 'Expires', value: (l) => l.expiresOn },
          { label: 'Status', value: (l) => l.status },
        ],
      }),
    );
  }
  root.replaceChildren(...parts);
  afterAttach.forEach((draw) => draw());
}
