// Auditor: verify the whole chain (POST /v1/audit/verify) and show the outcome.
import { actionButton, badge, el, statusLine, table } from '../lib/ui.js';

export const title = 'Verify';

/** The last result, kept across redraws (a verification takes seconds: it is never re-run by itself). */
let last;

export async function render(root, ctx) {
  const status = statusLine('verify-status');
  const run = actionButton('Verify the chain', {
    status,
    action: async () => {
      const started = Date.now();
      const result = await ctx.api('/v1/audit/verify', { method: 'POST' });
      last = { result, at: new Date().toISOString(), seconds: ((Date.now() - started) / 1000).toFixed(1) };
      return result.ok
        ? `The chain verified: no breach (${last.seconds} s).`
        : `${result.breaches.length} breaches found (${last.seconds} s).`;
    },
    then: () => render(root, ctx),
  });
  const parts = [
    el('h2', {}, title),
    el(
      'p',
      { className: 'muted' },
      'Checks every block: the hash chain, each data hash, the validation codes against the read model, and the invariants (conservation, exposure, single financing, settlements) over the replayed writes.',
    ),
    run,
    status,
  ];
  if (last) {
    const r = last.result;
    parts.push(
      el(
        'section',
        { className: 'card', 'aria-labelledby': 'verify-result' },
        el('h3', { id: 'verify-result' }, 'Result ', badge(r.ok ? 'VALID' : 'INVALID')),
        el(
          'p',
          {},
          `Checked at ${last.at}: height ${r.height}, ${r.transactions} transactions (${r.validTransactions} valid); read model compared up to block ${r.readModelNextBlock}.`,
        ),
        table({
          caption: `Breaches (${r.breaches.length})`,
          empty: 'No breach.',
          rows: r.breaches,
          columns: [
            { label: 'Invariant', value: (b) => b.invariant },
            { label: 'What', value: (b) => b.message },
            {
              label: 'Transactions',
              value: (b) =>
                el('span', { className: 'mono' }, b.transactions.map((t) => `${t.txId.slice(0, 12)}… (block ${t.blockNumber})`).join(', ')),
            },
          ],
        }),
      ),
    );
  }
  root.replaceChildren(...parts);
}
