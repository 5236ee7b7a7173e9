// Bank officer: the risk gate's review queue, each assessment's reasons, approve or decline.
import { actionButton, badge, el, errorNotice, money, shortTime, statusLine, table, writeOnce } from '../lib/ui.js';

export const title = 'Review queue';

/** Notes typed per financing, kept across redraws. */
const notes = new Map();
const EXPLAINED = 20;

async function explanations(ctx, financingId) {
  const decisions = await ctx.api(`/v1/risk/decisions?financingId=${encodeURIComponent(financingId)}&decision=REVIEW&limit=1`);
  return decisions[0]?.explanations ?? [];
}

function reasons(review, findings) {
  if (findings.length === 0) {
    return el(
      'ul',
      {},
      review.reasonCodes.map((code) => el('li', {}, badge(code))),
    );
  }
  return el(
    'ul',
    {},
    findings.map((f) =>
      el('li', {}, badge(f.code), ` ${f.explanation}`, el('span', { className: 'muted' }, ` (${f.points} pts, ${f.severity})`)),
    ),
  );
}

export async function render(root, ctx) {
  let pending;
  let decided;
  try {
    [pending, decided] = await Promise.all([ctx.api('/v1/risk/reviews?status=PENDING'), ctx.api('/v1/risk/reviews')]);
  } catch (error) {
    root.replaceChildren(errorNotice(error, 'Could not load the review queue'));
    return;
  }
  const findings = await Promise.all(pending.slice(0, EXPLAINED).map((r) => explanations(ctx, r.financingId).catch(() => [])));
  const status = statusLine('reviews-status');
  const decide = (review, decision) =>
    actionButton(decision === 'APPROVE' ? 'Approve' : 'Decline', {
      className: decision === 'APPROVE' ? undefined : 'danger',
      ariaLabel: `${decision === 'APPROVE' ? 'Approve' : 'Decline'} ${review.financingId}`,
      status,
      action: async () => {
        const note = notes.get(review.financingId)?.trim();
        const answer = await writeOnce(`decide:${review.financingId}:${decision}:${note ?? ''}`, (headers) =>
          ctx.api(`/v1/risk/reviews/${encodeURIComponent(review.financingId)}/decision`, {
            method: 'POST',
            headers,
            body: { decision, kind: review.kind ?? 'financing', ...(note ? { note } : {}) },
          }),
        );
        notes.delete(review.financingId);
        const kind = review.kind ?? 'financing';
        const state = (answer.financing ?? answer.pledge)?.status;
        return decision === 'APPROVE'
          ? `${review.financingId} approved: ${kind} ${state ?? ''} (block ${answer.blockNumber ?? '?'}).`
          : `${review.financingId} declined${answer.transactionId ? ` on the ledger (${kind} ${state ?? ''})` : ''}.`;
      },
      then: () => render(root, ctx),
    });
  const noteInput = (review) => {
    const id = `note-${review.financingId}`;
    const input = el('input', { id, type: 'text', maxlength: 500, value: notes.get(review.financingId) ?? '', placeholder: 'optional' });
    input.addEventListener('input', () => notes.set(review.financingId, input.value));
    return el('div', {}, el('label', { htmlFor: id, className: 'muted' }, 'Note'), input);
  };
  const recent = decided
    .filter((r) => r.status !== 'PENDING')
    .sort((a, b) => (a.decidedAt < b.decidedAt ? 1 : -1))
    .slice(0, 10);
  root.replaceChildren(
    el('h2', {}, title),
    el(
      'p',
      { className: 'muted' },
      'Financing requests and pledges the risk policy wants an officer to look at. An approval goes through the same endorse, re-check and submit path as an automatic one; declining a financing also rejects it on the ledger.',
    ),
    status,
    table({
      caption: `Pending (${pending.length})`,
      empty: 'Nothing is waiting for review.',
      rows: pending.map((review, i) => ({ review, findings: findings[i] ?? [] })),
      rowAttributes: ({ review }) => ({ dataset: { financing: review.financingId } }),
      columns: [
        {
          label: 'Financing / pledge',
          value: ({ review }) =>
            el('span', { className: 'mono' }, review.kind === 'pledge' ? `pledge ${review.financingId}` : review.financingId),
        },
        { label: 'Borrower', value: ({ review }) => review.borrowerId },
        { label: 'Amount', num: true, value: ({ review }) => money(review.amount) },
        { label: 'Score', num: true, value: ({ review }) => String(review.score) },
        { label: 'Reasons', value: ({ review, findings: f }) => reasons(review, f) },
        { label: 'Queued', value: ({ review }) => shortTime(review.queuedAt) },
        { label: 'Decision', value: ({ review }) => el('div', {}, noteInput(review), decide(review, 'APPROVE'), decide(review, 'REJECT')) },
      ],
    }),
    table({
      caption: 'Recently decided',
      empty: 'No review decided yet.',
      rows: recent,
      columns: [
        {
          label: 'Financing / pledge',
          value: (r) => el('span', { className: 'mono' }, r.kind === 'pledge' ? `pledge ${r.financingId}` : r.financingId),
        },
        { label: 'Amount', num: true, value: (r) => money(r.amount) },
        { label: 'Outcome', value: (r) => badge(r.status) },
        { label: 'By', value: (r) => r.decidedBy ?? '–' },
        { label: 'When', value: (r) => shortTime(r.decidedAt) },
        { label: 'Note', value: (r) => r.note ?? '' },
      ],
    }),
  );
}
