// Auditor: the ledger explorer, block by block (GET /v1/audit/blocks, /v1/audit/blocks/{n}).
import { badge, el, errorNotice, shortTime, table } from '../lib/ui.js';

export const title = 'Blocks';

const PAGE = 15;
/** Kept across redraws: the first block of the page (undefined: follow the latest) and the block opened. */
let from;
let opened;

const short = (hex) => (hex ? `${hex.slice(0, 12)}…` : '–');

function detail(block) {
  return el(
    'section',
    { className: 'card', 'aria-labelledby': 'block-title' },
    el('h3', { id: 'block-title', tabindex: '-1' }, `Block ${block.number}`),
    el('p', { className: 'mono' }, `previous hash ${block.previousHash}`, el('br'), `data hash ${block.dataHash}`),
    table({
      caption: `${block.transactionCount} transactions, ${block.validCount} valid`,
      rows: block.transactions,
      columns: [
        { label: '#', num: true, value: (t) => String(t.index) },
        { label: 'Function', value: (t) => t.fn || '(configuration)' },
        { label: 'Validation', value: (t) => badge(t.validation) },
        { label: 'Creator', value: (t) => t.creatorMsp },
        { label: 'Time', value: (t) => shortTime(t.timestamp) },
        {
          label: 'Details',
          value: (t) =>
            el(
              'details',
              {},
              el('summary', {}, el('span', { className: 'mono' }, short(t.txId))),
              el('p', { className: 'mono' }, `tx ${t.txId}`),
              el('p', {}, `arguments: `, el('span', { className: 'mono' }, JSON.stringify(t.args))),
              t.event ? el('p', {}, `event: ${t.event}`) : '',
              el('p', {}, `${t.writes.length} writes`),
              t.writes.map((w) => el('pre', {}, `${w.isDelete ? 'DELETE ' : ''}${w.key.replaceAll('\u0000', '·')}\n${w.value}`)),
            ),
        },
      ],
    }),
  );
}

export async function render(root, ctx) {
  let page;
  try {
    page = await ctx.api(`/v1/audit/blocks?limit=${PAGE}${from === undefined ? '' : `&from=${from}`}`);
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the blocks'));
    return;
  }
  const height = BigInt(page.height);
  const first = BigInt(page.from);
  const move = (to, focusId) => () => {
    from = to;
    void render(root, ctx).then(() => document.getElementById(focusId)?.focus());
  };
  const open = (n) => () => {
    opened = n;
    void render(root, ctx).then(() => document.getElementById('block-title')?.focus());
  };
  const block = opened === undefined ? undefined : await ctx.api(`/v1/audit/blocks/${opened}`).catch((error) => ({ error }));
  const status = await ctx.api('/v1/readmodel/status').catch(() => undefined);
  root.replaceChildren(
    el('h2', {}, title),
    el(
      'p',
      {},
      `Chain height ${page.height}`,
      status
        ? ` · read model projected ${status.nextBlock} blocks (${status.transactionCount} transactions), lag ${status.lag ?? '?'}`
        : '',
    ),
    el(
      'div',
      { className: 'inline' },
      el(
        'button',
        {
          type: 'button',
          id: 'blocks-older',
          className: 'secondary',
          disabled: first === 0n,
          onClick: move(String(first > BigInt(PAGE) ? first - BigInt(PAGE) : 0n), 'blocks-older'),
        },
        '← Older',
      ),
      el(
        'button',
        {
          type: 'button',
          id: 'blocks-newer',
          className: 'secondary',
          disabled: from === undefined,
          onClick: move(first + BigInt(2 * PAGE) >= height ? undefined : String(first + BigInt(PAGE)), 'blocks-newer'),
        },
        'Newer →',
      ),
      el(
        'button',
        {
          type: 'button',
          id: 'blocks-latest',
          className: 'secondary',
          disabled: from === undefined,
          onClick: move(undefined, 'blocks-latest'),
        },
        'Latest (follow)',
      ),
    ),
    table({
      caption: `Blocks ${page.from}–${String(first + BigInt(page.blocks.length) - 1n)}${from === undefined ? ' (following the latest)' : ''}`,
      rows: [...page.blocks].reverse(),
      rowAttributes: (b) => ({ dataset: { block: b.number } }),
      columns: [
        {
          label: 'Block',
          num: true,
          value: (b) =>
            el(
              'button',
              { type: 'button', className: 'secondary', 'aria-label': `Open block ${b.number}`, onClick: open(b.number) },
              b.number,
            ),
        },
        { label: 'Time', value: (b) => shortTime(b.firstTimestamp) },
        { label: 'Transactions', num: true, value: (b) => `${b.validCount}/${b.transactionCount} valid` },
        { label: 'Functions', value: (b) => b.fns.map((fn) => fn.split(':')[1] ?? fn).join(', ') || '(configuration)' },
        { label: 'Data hash', value: (b) => el('span', { className: 'mono', title: b.dataHash }, short(b.dataHash)) },
        { label: 'Previous hash', value: (b) => el('span', { className: 'mono', title: b.previousHash }, short(b.previousHash)) },
      ],
    }),
    block ? (block.error ? errorNotice(block.error, `Could not load block ${opened}`) : detail(block)) : '',
  );
}
