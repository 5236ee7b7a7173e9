// Bank officer and auditor: the supply chain as a whole (GET /v1/chain/graph and /v1/chain/cores)
// and stress tests (POST /v1/chain/stress). A bank sees its own exposures and consortium totals.
import { el, errorNotice, money, chartValue, statusLine, actionButton, table, firstRows } from '../lib/ui.js';

export const title = 'Chain';

const SVG = 'http://www.w3.org/2000/svg';

/** Kept across redraws: the chosen core, the scenario form and the last stress result. */
const state = {
  coreId: undefined,
  form: { kind: 'core-default', target: '', shock: '10000', commodity: 'copper' },
  stress: undefined,
};

const SCENARIOS = {
  'core-default': {
    label: 'Core enterprise defaults',
    shockLabel: 'Loss given default (bps, 10000 = nothing recovered)',
    body: (f) => ({ kind: 'core-default', coreId: f.target, recoveryBps: 10000 - Number(f.shock) }),
  },
  'core-late': {
    label: 'Core enterprise pays N days late',
    shockLabel: 'Days late',
    body: (f) => ({ kind: 'core-late', coreId: f.target, days: Number(f.shock) }),
  },
  'price-fall': {
    label: 'Commodity price falls',
    shockLabel: 'Fall (bps, 2500 = 25%)',
    body: (f) => ({ kind: 'price-fall', commodity: f.commodity, fallBps: Number(f.shock) }),
  },
  'supplier-failure': {
    label: 'Supplier fails',
    shockLabel: 'Dilution of its other receivables (bps)',
    body: (f) => ({ kind: 'supplier-failure', supplierId: f.target, dilutionBps: Number(f.shock) }),
  },
};

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  node.append(...children.map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return node;
}

/** Column of a node: the core first, then suppliers by tier, warehouses last. */
function columnOf(node, maxTier) {
  if (node.role === 'core-enterprise') return 0;
  if (node.role === 'supplier') return node.tier ?? 1;
  return maxTier + 1;
}

/** The graph as layered SVG: edge width grows with the amount (log scale), labels show exact amounts. */
function graphSvg(graph, mspId) {
  const maxTier = Math.max(1, ...graph.nodes.filter((n) => n.role === 'supplier').map((n) => n.tier ?? 1));
  const columns = new Map();
  for (const node of graph.nodes) {
    const column = columnOf(node, maxTier);
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  const colWidth = 270;
  const box = 120;
  const rowHeight = 90;
  const margin = 110; // room for the arcs of links that skip a tier
  const height = Math.max(2, ...[...columns.values()].map((c) => c.length)) * rowHeight + 2 * margin;
  const width = (maxTier + 2) * colWidth + 40;
  const position = new Map();
  for (const [column, nodes] of columns) {
    nodes.forEach((node, i) =>
      position.set(node.id, { x: 30 + column * colWidth, y: margin + ((height - 2 * margin) / (nodes.length + 1)) * (i + 1), column }),
    );
  }
  const amounts = graph.edges.map((e) => Number(BigInt(e.amount) / 100n) + 1);
  const maxLog = Math.log10(Math.max(10, ...amounts));
  const root = svg(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-labelledby': 'chain-graph-title' },
    svg(
      'title',
      { id: 'chain-graph-title' },
      `Supply-chain graph: ${graph.nodes.length} participants, ${graph.edges.length} links (the table below lists them)`,
    ),
  );
  root.append(
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: 'chain-arrow',
          viewBox: '0 0 10 10',
          refX: 10,
          refY: 5,
          markerWidth: 10,
          markerHeight: 10,
          markerUnits: 'userSpaceOnUse',
          orient: 'auto',
        },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#444' }),
      ),
    ),
  );
  graph.edges.forEach((edge, i) => {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) return;
    const widthPx = 1 + (6 * Math.log10(amounts[i])) / maxLog;
    const own = edge.banks.find((b) => b.bankMsp === mspId);
    const colour = edge.kind === 'goods' ? '#9a5b00' : edge.banks.length > 0 ? '#1d5fbf' : '#888';
    const rightward = to.x >= from.x;
    const x1 = rightward ? from.x + box : from.x;
    const x2 = rightward ? to.x : to.x + box;
    // Links that skip a tier arc above the row (goods links below), so none hides another.
    const span = Math.abs(to.column - from.column);
    const bend = edge.kind === 'goods' ? 60 : -45 * (span - 1) - 16;
    const cx = (x1 + x2) / 2;
    const cy = (from.y + to.y) / 2 + bend;
    root.append(
      svg('path', {
        d: `M ${x1} ${from.y} Q ${cx} ${cy} ${x2} ${to.y}`,
        fill: 'none',
        stroke: colour,
        'stroke-width': widthPx.toFixed(1),
        'marker-end': 'url(#chain-arrow)',
        opacity: 0.85,
      }),
    );
    const banks = own
      ? `ours ${money(own.exposure)}`
      : edge.banks.map((b) => `${b.bankMsp.replace(/MSP$/, '')} ${money(b.exposure)}`).join(', ');
    const lx = (x1 + 2 * cx + x2) / 4;
    const ly = (from.y + 2 * cy + to.y) / 4;
    root.append(
      svg('text', { x: lx, y: ly - 8, 'text-anchor': 'middle', 'font-size': 11, fill: '#222' }, money(edge.amount, edge.currency)),
      ...(banks ? [svg('text', { x: lx, y: ly + 16, 'text-anchor': 'middle', 'font-size': 10, fill: colour }, banks)] : []),
    );
  });
  for (const node of graph.nodes) {
    const column = columnOf(node, maxTier);
    columns.set(column, [...(columns.get(column) ?? []), node]);
  }
  for (const node of graph.nodes) {
    const p = position.get(node.id);
    const fill = node.role === 'core-enterprise' ? '#dbe7fb' : node.role === 'warehouse' ? '#fbecd6' : '#eef3ee';
    root.append(
      svg('rect', { x: p.x, y: p.y - 18, width: box, height: 36, rx: 6, fill, stroke: '#555' }),
      svg('text', { x: p.x + box / 2, y: p.y - 2, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold' }, node.id),
      svg(
        'text',
        { x: p.x + box / 2, y: p.y + 12, 'text-anchor': 'middle', 'font-size': 10, fill: '#555' },
        node.role === 'supplier' ? `tier ${node.tier ?? '?'}` : node.role,
      ),
    );
  }
  return root;
}

function coreTable(cores, role) {
  return table({
    caption: 'Per core enterprise',
    empty: 'No receivables on the ledger yet.',
    rows: cores,
    columns: [
      { label: 'Core', value: (c) => `${c.name} (${c.coreId})` },
      { label: 'Confirmed payables', num: true, value: (c) => money(c.confirmedPayablesOutstanding, c.currency) },
      { label: 'Financed', num: true, value: (c) => money(c.financedOutstanding, c.currency) },
      { label: 'Share financed', num: true, value: (c) => pct(c.shareFinanced) },
      { label: 'Banks', num: true, value: (c) => String(c.bankCount) },
      { label: 'HHI', num: true, value: (c) => c.hhi },
      {
        label: role === 'auditor' ? 'Per bank' : 'Our exposure',
        value: (c) => c.banks.map((b) => `${b.bankMsp}: ${money(b.exposure)} (${pct(b.share)})`).join('; ') || '–',
      },
      { label: 'Tier depth', num: true, value: (c) => String(c.tierDepth) },
      { label: 'Overdue', num: true, value: (c) => pct(c.overdueRate) },
      { label: 'Dilution', num: true, value: (c) => pct(c.dilutionRate) },
      {
        label: 'Goods pledged / loans',
        num: true,
        value: (c) => `${money(c.goods.pledgedValue)} / ${money(c.goods.loans)} (${pct(c.goods.coverage)})`,
      },
    ],
  });
}

/** "0.2500" → "25.00 %" (string arithmetic: exact). */
function pct(ratio) {
  const [whole, fraction = '0000'] = ratio.split('.');
  const bps = BigInt(whole) * 10000n + BigInt(fraction.padEnd(4, '0').slice(0, 4));
  return `${(bps / 100n).toString()}.${(bps % 100n).toString().padStart(2, '0')} %`;
}

const ratioNumber = (ratio) => Number(ratio) * 100; // chart geometry only

function ratesChart(ctx, canvas, core) {
  ctx.chart(canvas, {
    type: 'line',
    data: {
      labels: core.monthly.map((m) => m.month),
      datasets: [
        {
          label: 'Overdue rate (%)',
          data: core.monthly.map((m) => ratioNumber(m.overdueRate)),
          borderColor: '#b3261e',
          backgroundColor: '#b3261e',
        },
        {
          label: 'Dilution rate (%)',
          data: core.monthly.map((m) => ratioNumber(m.dilutionRate)),
          borderColor: '#9a5b00',
          backgroundColor: '#9a5b00',
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 0, title: { display: true, text: '% of face issued that month' } } },
    },
  });
}

function lossChart(ctx, canvas, result) {
  ctx.chart(canvas, {
    type: 'bar',
    data: {
      labels: result.banks.map((b) => `${b.bankMsp} (${b.currency})`),
      datasets: [
        { label: 'Exposure', data: result.banks.map((b) => chartValue(b.exposure)), backgroundColor: '#9fb8e0' },
        { label: 'Loss after collateral', data: result.banks.map((b) => chartValue(b.loss)), backgroundColor: '#b3261e' },
      ],
    },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, title: { display: true, text: 'major units' } } } },
  });
}

async function downloadCsv(ctx, result, tableName) {
  const text = await ctx.apiText(`/v1/chain/stress/${result.scenarioHash}/${result.height}?format=csv&table=${tableName}`);
  const link = el('a', {
    href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })),
    download: `chain-stress-${result.height}-${tableName}.csv`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  return `Downloaded ${tableName} CSV.`;
}

function stressForm(ctx, cores, suppliers, rerender) {
  const f = state.form;
  const status = statusLine('chain-stress-status');
  const targets = f.kind === 'supplier-failure' ? suppliers : cores.map((c) => c.coreId);
  if (!targets.includes(f.target)) {
    f.target = targets[0] ?? '';
  }
  const kind = el(
    'select',
    {
      id: 'chain-kind',
      onChange: (e) => {
        f.kind = e.target.value;
        void rerender();
      },
    },
    Object.entries(SCENARIOS).map(([k, s]) => el('option', { value: k, selected: k === f.kind }, s.label)),
  );
  const target =
    f.kind === 'price-fall'
      ? el('input', {
          id: 'chain-target',
          value: f.commodity,
          onInput: (e) => {
            f.commodity = e.target.value;
          },
        })
      : el(
          'select',
          {
            id: 'chain-target',
            onChange: (e) => {
              f.target = e.target.value;
            },
          },
          [...new Set(targets)].map((t) => el('option', { value: t, selected: t === f.target }, t)),
        );
  const shock = el('input', {
    id: 'chain-shock',
    type: 'number',
    min: 0,
    max: f.kind === 'core-late' ? 3660 : 10000,
    value: f.shock,
    onInput: (e) => {
      f.shock = e.target.value;
    },
  });
  const run = actionButton('Run stress test', {
    status,
    action: async () => {
      const scenario = SCENARIOS[f.kind].body(f);
      const answer = await ctx.api('/v1/chain/stress', { method: 'POST', body: { scenario } });
      state.stress = answer;
      return `Ran at height ${answer.result.height}; ${answer.reproduction.matchesFirstRun ? 'identical to the first run at this height' : 'DIFFERS from the first run at this height'}.`;
    },
    then: rerender,
  });
  return el(
    'div',
    { className: 'card' },
    el('h3', {}, 'Stress test'),
    el('p', {}, el('label', { htmlFor: 'chain-kind' }, 'Scenario '), kind),
    el(
      'p',
      {},
      el(
        'label',
        { htmlFor: 'chain-target' },
        f.kind === 'price-fall' ? 'Commodity ' : f.kind === 'supplier-failure' ? 'Supplier ' : 'Core enterprise ',
      ),
      target,
    ),
    el('p', {}, el('label', { htmlFor: 'chain-shock' }, `${SCENARIOS[f.kind].shockLabel} `), shock),
    run,
    status,
  );
}

function stressResult(ctx, answer, afterAttach, rerender) {
  const r = answer.result;
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `Loss per bank: ${r.banks.map((b) => `${b.bankMsp} ${money(b.loss, b.currency)} of ${money(b.exposure, b.currency)}`).join('; ')}`,
  });
  afterAttach.push(() => lossChart(ctx, canvas, r));
  const status = statusLine('chain-csv-status');
  const receivables = firstRows('chain-stress-receivables', r.receivables.listed, rerender);
  return el(
    'div',
    { className: 'card' },
    el('h3', {}, `Result: ${SCENARIOS[r.scenario.kind]?.label ?? r.scenario.kind}`),
    el(
      'p',
      { className: 'muted' },
      `Scenario ${JSON.stringify(r.scenario)} · hash ${r.scenarioHash.slice(0, 16)}… · read-model height ${r.height} · as of ${r.asOf} · result sha256 ${answer.reproduction.resultSha256.slice(0, 16)}… (first run ${answer.reproduction.firstRunAt})`,
    ),
    table({
      caption: 'Consortium totals',
      rows: r.totals,
      columns: [
        { label: 'Currency', value: (t) => t.currency },
        { label: 'Exposure', num: true, value: (t) => money(t.exposure) },
        { label: 'Loss', num: true, value: (t) => money(t.loss) },
        { label: 'Going overdue', num: true, value: (t) => money(t.overdueOutstanding) },
        { label: 'Liquidity gap', num: true, value: (t) => money(t.liquidityGap) },
      ],
    }),
    el('div', { className: 'chart-box' }, canvas),
    table({
      caption: 'Loss per bank after collateral',
      rows: r.banks,
      columns: [
        { label: 'Bank', value: (b) => b.bankMsp },
        { label: 'Exposure', num: true, value: (b) => money(b.exposure, b.currency) },
        { label: 'Collateral after', num: true, value: (b) => money(b.collateralAfter, b.currency) },
        { label: 'Overdue exposure', num: true, value: (b) => money(b.overdueExposure, b.currency) },
        { label: 'Loss', num: true, value: (b) => money(b.loss, b.currency) },
      ],
    }),
    table({
      caption: 'Liquidity gap by tier (financing suppliers can no longer get)',
      empty: 'No supplier loses access to financing.',
      rows: r.liquidityGap.byTier,
      columns: [
        { label: 'Tier', num: true, value: (t) => String(t.tier) },
        { label: 'Suppliers', num: true, value: (t) => String(t.suppliers) },
        { label: 'Gap', num: true, value: (t) => money(t.gap, t.currency) },
      ],
    }),
    table({
      caption: 'Pledges hitting margin call',
      empty: 'No pledge hits margin call.',
      rows: r.marginCalls,
      columns: [
        { label: 'Pledge', value: (m) => el('span', { className: 'mono' }, m.pledgeId) },
        { label: 'Bank', value: (m) => m.bankMsp },
        { label: 'Owner', value: (m) => m.ownerId },
        { label: 'Loan', num: true, value: (m) => money(m.loan, m.currency) },
        { label: 'Value after', num: true, value: (m) => money(m.valueAfter, m.currency) },
        { label: 'Required', num: true, value: (m) => money(m.requiredValue, m.currency) },
      ],
    }),
    table({
      caption: `Receivables hit: ${r.receivables.overdueCount} overdue, ${r.receivables.lostCount} lost, ${r.receivables.dilutedCount} diluted${r.receivables.truncated ? ' (first 1000 listed)' : ''}`,
      empty: 'No receivable is hit.',
      rows: receivables.rows,
      columns: [
        { label: 'Receivable', value: (x) => el('span', { className: 'mono' }, x.id) },
        { label: 'Effect', value: (x) => x.effect },
        { label: 'Holder', value: (x) => x.holderId },
        { label: 'Due', value: (x) => x.dueDate },
        { label: 'Outstanding', num: true, value: (x) => money(x.outstanding, x.currency) },
        { label: 'After', num: true, value: (x) => money(x.outstandingAfter, x.currency) },
        { label: 'Financed by', value: (x) => x.bankMsp ?? '–' },
      ],
    }),
    receivables.more,
    el(
      'p',
      {},
      'CSV: ',
      ['banks', 'tiers', 'suppliers', 'margin-calls', 'receivables'].map((t) =>
        actionButton(t, { className: 'secondary', ariaLabel: `Download the ${t} CSV`, status, action: () => downloadCsv(ctx, r, t) }),
      ),
    ),
    status,
  );
}

export async function render(root, ctx) {
  const rerender = () => render(root, ctx);
  const [cores, graph] = await Promise.all([
    ctx.api('/v1/chain/cores').catch((error) => ({ error })),
    ctx.api('/v1/chain/graph').catch((error) => ({ error })),
  ]);
  const parts = [
    el(
      'h2',
      {},
      ctx.role === 'auditor'
        ? 'The chain as a whole (all banks)'
        : `The chain as a whole: ${ctx.me.mspId}'s exposure and consortium totals`,
    ),
  ];
  const afterAttach = [];
  if (cores.error || graph.error) {
    parts.push(errorNotice(cores.error ?? graph.error, 'Could not load the chain view'));
    root.replaceChildren(...parts);
    return;
  }
  const coreIds = [...new Set(cores.cores.map((c) => c.coreId))];
  if (!coreIds.includes(state.coreId)) {
    state.coreId = coreIds[0];
  }
  parts.push(
    el(
      'p',
      { className: 'muted' },
      `Read-model height ${graph.height}, ledger date ${graph.asOf}. Blue links: claims on a core passed down its tiers (width grows with the amount); brown: warehouse goods pledged to banks.`,
    ),
  );
  parts.push(coreTable(cores.cores, ctx.role));
  if (coreIds.length > 1) {
    parts.push(
      el(
        'p',
        {},
        el('label', { htmlFor: 'chain-core' }, 'Core enterprise '),
        el(
          'select',
          {
            id: 'chain-core',
            onChange: (e) => {
              state.coreId = e.target.value;
              void rerender();
            },
          },
          coreIds.map((id) => el('option', { value: id, selected: id === state.coreId }, id)),
        ),
      ),
    );
  }
  const coreGraph = state.coreId === undefined ? graph : await ctx.api(`/v1/chain/graph?coreId=${encodeURIComponent(state.coreId)}`);
  parts.push(
    el(
      'div',
      { className: 'card' },
      el('h3', {}, `Graph${state.coreId ? ` of ${state.coreId}` : ''}`),
      coreGraph.nodes.length === 0 ? el('p', { className: 'muted' }, 'Nothing to draw yet.') : graphSvg(coreGraph, ctx.me.mspId),
    ),
  );
  parts.push(
    table({
      caption: 'Links (the graph as a table)',
      empty: 'No links.',
      rows: coreGraph.edges,
      columns: [
        { label: 'Kind', value: (e) => e.kind },
        { label: 'From', value: (e) => e.from },
        { label: 'To', value: (e) => e.to },
        { label: 'Amount', num: true, value: (e) => money(e.amount, e.currency) },
        { label: 'Count', num: true, value: (e) => String(e.count) },
        {
          label: ctx.role === 'auditor' ? 'Banks' : 'Our exposure',
          value: (e) => e.banks.map((b) => `${b.bankMsp}: ${money(b.exposure)}`).join('; ') || '–',
        },
      ],
    }),
  );
  for (const core of cores.cores.filter((c) => c.coreId === state.coreId && c.monthly.length > 0)) {
    const canvas = el('canvas', {
      role: 'img',
      'aria-label': `Overdue and dilution rates by issue month for ${core.coreId}: ${core.monthly.map((m) => `${m.month} overdue ${pct(m.overdueRate)}, dilution ${pct(m.dilutionRate)}`).join('; ')}`,
    });
    parts.push(
      el(
        'div',
        { className: 'card' },
        el('h3', {}, `Overdue and dilution over time: ${core.coreId} (${core.currency})`),
        el('div', { className: 'chart-box' }, canvas),
      ),
    );
    afterAttach.push(() => ratesChart(ctx, canvas, core));
  }
  const suppliers = [...new Set(graph.nodes.filter((n) => n.role === 'supplier').map((n) => n.id))];
  parts.push(stressForm(ctx, cores.cores, suppliers, rerender));
  if (state.stress) {
    parts.push(stressResult(ctx, state.stress, afterAttach, rerender));
  }
  root.replaceChildren(...parts);
  afterAttach.forEach((draw) => draw());
}
