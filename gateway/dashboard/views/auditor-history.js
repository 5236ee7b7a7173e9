// Auditor: an asset's history as a timeline (GET /v1/audit/{kind}/{id}/history).
import { badge, el, errorNotice, shortTime } from '../lib/ui.js';

export const title = 'Asset history';

const KINDS = [
  ['receivables', 'Receivable (whole split tree)'],
  ['financings', 'Financing'],
  ['credit-lines', 'Credit line'],
  ['warehouse-receipts', 'Warehouse receipt'],
];
/** The last query, kept across redraws. */
const query = { kind: 'receivables', id: '' };

function summary(value) {
  if (!value || typeof value !== 'object') {
    return '';
  }
  const fields = ['status', 'holderId', 'outstanding', 'amount', 'outstandingPrincipal', 'limit', 'ownerId', 'delinquency'].filter(
    (f) => value[f] !== undefined,
  );
  return fields.map((f) => `${f} ${value[f]}`).join(' · ');
}

function timeline(id, versions) {
  return el(
    'section',
    { className: 'card' },
    el('h3', {}, `${id}: ${versions.length} versions`),
    el(
      'ol',
      { className: 'timeline' },
      versions.map((v) =>
        el(
          'li',
          {},
          el('strong', {}, v.fn || '(unknown function)'),
          ' ',
          v.value?.status ? badge(v.value.status) : '',
          ' ',
          v.validation !== 'VALID' ? badge(v.validation) : '',
          el('div', {}, summary(v.value)),
          el(
            'div',
            { className: 'muted' },
            `${shortTime(v.timestamp)} · block ${v.blockNumber} · by ${v.creator?.participantId ?? '?'} (${v.creator?.mspId ?? '?'})${v.isDelete ? ' · deleted' : ''}`,
          ),
          el(
            'details',
            {},
            el('summary', {}, 'Record and transaction'),
            el('p', { className: 'mono' }, `tx ${v.txId}`),
            el('pre', {}, JSON.stringify(v.value, null, 2)),
          ),
        ),
      ),
    ),
  );
}

export async function render(root, ctx) {
  const kindSelect = el(
    'select',
    { id: 'history-kind' },
    KINDS.map(([value, label]) => el('option', { value, selected: value === query.kind }, label)),
  );
  const idInput = el('input', {
    id: 'history-id',
    type: 'text',
    value: query.id,
    required: true,
    spellcheck: 'false',
    autocomplete: 'off',
  });
  idInput.addEventListener('input', () => (query.id = idInput.value.trim()));
  kindSelect.addEventListener('change', () => (query.kind = kindSelect.value));
  const form = el(
    'form',
    { className: 'inline', 'aria-label': 'Find an asset' },
    el('div', {}, el('label', { htmlFor: 'history-kind' }, 'Asset'), kindSelect),
    el('div', {}, el('label', { htmlFor: 'history-id' }, 'Id'), idInput),
    el('button', { type: 'submit' }, 'Show history'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    query.kind = kindSelect.value;
    query.id = idInput.value.trim();
    void render(root, ctx).then(() => document.getElementById('history-result')?.focus());
  });
  let result = el('p', { className: 'muted' }, 'Enter an id to see every version, with the block, time and creator of each.');
  if (query.id) {
    try {
      const history = await ctx.api(`/v1/audit/${query.kind}/${encodeURIComponent(query.id)}/history`);
      result =
        query.kind === 'receivables'
          ? el(
              'div',
              {},
              el('p', {}, `Split tree rooted at ${history.rootId}: ${history.receivables.map((r) => r.id).join(', ')}`),
              history.receivables.map((r) => timeline(r.id, r.versions)),
            )
          : timeline(history.id, history.versions);
    } catch (error) {
      result = errorNotice(error, `No history for ${query.id}`);
    }
  }
  root.replaceChildren(el('h2', {}, title), form, el('div', { id: 'history-result', tabindex: '-1' }, result));
}
