// Bank officer: pledged collateral in margin call, and overdue or defaulted claims it financed.
import { badge, el, errorNotice, money, shortTime, table, today } from '../lib/ui.js';

export const title = 'Margin calls & overdue';

const PLEDGES_CHECKED = 30;

/**
 * The pledges this bank accepted: its own AcceptPledge transactions (a bank sees the
 * transactions it signed) name them; each is then read from the ledger for its current status.
 */
async function acceptedPledges(ctx) {
  const accepted = await ctx.api('/v1/search/transactions?fn=scf.warehouse:AcceptPledge&validationCode=0&limit=100');
  const ids = [...new Set(accepted.items.map((tx) => tx.args?.[0]).filter(Boolean))].slice(0, PLEDGES_CHECKED);
  const pledges = await Promise.all(ids.map((id) => ctx.api(`/v1/pledges/${encodeURIComponent(id)}`).catch(() => undefined)));
  return pledges.filter((p) => p && (p.status === 'ACTIVE' || p.status === 'MARGIN_CALL'));
}

async function overdue(ctx) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const [late, defaulted, pastMaturity] = await Promise.all([
    ctx.api('/v1/search/receivables?delinquency=OVERDUE&sort=dueDate&limit=100'),
    ctx.api('/v1/search/receivables?delinquency=DEFAULTED&sort=dueDate&limit=100'),
    ctx.api(`/v1/search/financings?status=ACTIVE&maturityTo=${yesterday}&sort=maturityDate&limit=100`),
  ]);
  return { receivables: [...defaulted.items, ...late.items], pastMaturity: pastMaturity.items };
}

export async function render(root, ctx) {
  const [pledges, late] = await Promise.all([
    acceptedPledges(ctx).catch((error) => ({ error })),
    overdue(ctx).catch((error) => ({ error })),
  ]);
  const parts = [el('h2', {}, title)];
  if (pledges.error) {
    parts.push(errorNotice(pledges.error, 'Could not load the pledges'));
  } else {
    const calls = pledges.filter((p) => p.status === 'MARGIN_CALL');
    parts.push(
      table({
        caption: `Margin calls (${calls.length})`,
        empty: 'No pledge is in margin call.',
        rows: calls,
        rowAttributes: (p) => ({ dataset: { pledge: p.id } }),
        columns: [
          { label: 'Pledge', value: (p) => el('span', { className: 'mono' }, p.id) },
          { label: 'Owner', value: (p) => p.ownerId },
          { label: 'Collateral', value: (p) => `${p.quantity} ${p.unit} ${p.commodity} (${p.grade})` },
          { label: 'Loan', num: true, value: (p) => money(p.loanAmount, p.currency) },
          { label: 'Maintenance', num: true, value: (p) => (p.maintenanceRatioBps ? `${Number(p.maintenanceRatioBps) / 100} %` : '–') },
          { label: 'Status', value: (p) => badge(p.status) },
          { label: 'Since', value: (p) => shortTime(p.updatedAt) },
        ],
      }),
      el(
        'p',
        { className: 'muted' },
        `${pledges.length - calls.length} other live pledges are covered (of the latest ${PLEDGES_CHECKED} this bank accepted).`,
      ),
    );
  }
  if (late.error) {
    parts.push(errorNotice(late.error, 'Could not load overdue claims'));
  } else {
    parts.push(
      table({
        caption: `Overdue and defaulted receivables (${late.receivables.length})`,
        empty: 'Nothing this bank financed is overdue.',
        rows: late.receivables,
        columns: [
          { label: 'Receivable', value: (r) => el('span', { className: 'mono' }, r.id) },
          { label: 'Debtor', value: (r) => r.debtorId },
          { label: 'Financing', value: (r) => r.financingId ?? '–' },
          { label: 'Outstanding', num: true, value: (r) => money(r.outstanding, r.currency) },
          { label: 'Due', value: (r) => r.dueDate },
          { label: 'State', value: (r) => badge(r.delinquency) },
        ],
      }),
      table({
        caption: `Financings past maturity, still active (${late.pastMaturity.length})`,
        empty: `No active financing matured before ${today()}.`,
        rows: late.pastMaturity,
        columns: [
          { label: 'Financing', value: (f) => el('span', { className: 'mono' }, f.id) },
          { label: 'Borrower', value: (f) => f.borrowerId },
          { label: 'Debtor', value: (f) => f.debtorId },
          { label: 'Outstanding principal', num: true, value: (f) => money(f.outstandingPrincipal, f.currency) },
          { label: 'Maturity', value: (f) => f.maturityDate },
        ],
      }),
    );
  }
  root.replaceChildren(...parts);
}
