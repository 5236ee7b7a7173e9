// Supplier: the receivables it holds, and the lineage (split tree and every version) of one.
import { badge, el, errorNotice, firstRows, money, shortTime, table } from '../lib/ui.js';

export const title = 'Receivables';

/** The receivable whose lineage is open, kept across redraws. */
let selected;

function node(tree, id, depth) {
  const item = tree.get(id);
  if (!item) {
    return el('li', {}, id);
  }
  const last = item.versions[item.versions.length - 1]?.value ?? {};
  return el(
    'li',
    {},
    el('span', { className: 'mono' }, id),
    ' ',
    badge(last.status),
    ` ${money(last.face, last.currency)} · holder ${last.holderId ?? '?'}`,
    item.childIds.length
      ? el(
          'ul',
          {},
          item.childIds.map((child) => node(tree, child, depth + 1)),
        )
      : '',
  );
}

async function lineage(ctx, id) {
  const history = await ctx.api(`/v1/audit/receivables/${encodeURIComponent(id)}/history`);
  const tree = new Map(history.receivables.map((r) => [r.id, r]));
  const own = tree.get(id);
  return el(
    'section',
    { className: 'card', 'aria-labelledby': 'lineage-title' },
    el('h3', { id: 'lineage-title' }, `Lineage of ${id}`),
    el('p', { className: 'muted' }, `Split tree from the root ${history.rootId}:`),
    el('ul', {}, node(tree, history.rootId, 0)),
    el('h3', {}, `Versions of ${id}`),
    el(
      'ol',
      { className: 'timeline' },
      (own?.versions ?? []).map((v) =>
        el(
          'li',
          {},
          el('strong', {}, v.fn || '(unknown)'),
          ' ',
          badge(v.value?.status),
          el(
            'div',
            { className: 'muted' },
            `${shortTime(v.timestamp)} · block ${v.blockNumber} · ${v.validation} · by ${v.creator?.participantId ?? v.creator?.mspId ?? '?'}`,
          ),
          el('div', { className: 'mono muted' }, `tx ${v.txId}`),
        ),
      ),
    ),
  );
}

export async function render(root, ctx) {
  let page;
  try {
    page = await ctx.api('/v1/search/receivables?sort=-updatedAt&limit=50');
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the receivables'));
    return;
  }
  const open = (id) => () => {
    selected = id;
    void render(root, ctx).then(() => document.getElementById('lineage-title')?.focus());
  };
  let detail = '';
  if (selected) {
    detail = await lineage(ctx, selected).catch((error) => errorNotice(error, `Could not load the lineage of ${selected}`));
  }
  const visible = firstRows('held', page.items, () => render(root, ctx), 15);
  root.replaceChildren(
    el('h2', {}, title),
    table({
      caption: 'Held by you (latest changed first)',
      empty: 'You hold no receivable.',
      rows: visible.rows,
      rowAttributes: (r) => ({ dataset: { receivable: r.id } }),
      columns: [
        { label: 'Receivable', value: (r) => el('span', { className: 'mono' }, r.id) },
        { label: 'Debtor', value: (r) => r.debtorId },
        { label: 'Issued by', value: (r) => r.creditorId },
        { label: 'Face', num: true, value: (r) => money(r.face, r.currency) },
        { label: 'Outstanding', num: true, value: (r) => money(r.outstanding, r.currency) },
        { label: 'Due', value: (r) => r.dueDate },
        {
          label: 'Status',
          value: (r) =>
            el('span', {}, badge(r.status), r.financingId ? el('span', { className: 'muted' }, ` financed (${r.financingId})`) : ''),
        },
        {
          label: 'Lineage',
          value: (r) =>
            el('button', { type: 'button', className: 'secondary', 'aria-label': `Lineage of ${r.id}`, onClick: open(r.id) }, 'Lineage'),
        },
      ],
    }),
    visible.more,
    detail,
  );
  const heading = document.getElementById('lineage-title');
  if (heading) {
    heading.tabIndex = -1;
  }
}
