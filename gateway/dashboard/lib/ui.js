// Small DOM helpers shared by the views. Amounts are decimal strings of minor units: formatted
// with BigInt, never through floating point.

/** `el('td', { className: 'num' }, 'text', otherNode)`; attributes starting with `on` become listeners. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'className' || name === 'textContent' || name === 'htmlFor' || name === 'value') {
      node[name] = value;
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  node.append(
    ...children
      .flat()
      .filter((c) => c !== undefined && c !== null && c !== false)
      .map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))),
  );
  return node;
}

const MINOR_DIGITS = 2;

/** "123456789" USD → "1,234,567.89 USD" (exact). */
export function money(amount, currency = '') {
  if (amount === undefined || amount === null || amount === '') {
    return '–';
  }
  let value = BigInt(amount);
  const negative = value < 0n;
  if (negative) {
    value = -value;
  }
  const scale = 10n ** BigInt(MINOR_DIGITS);
  const whole = (value / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (value % scale).toString().padStart(MINOR_DIGITS, '0');
  return `${negative ? '-' : ''}${whole}.${fraction}${currency ? ` ${currency}` : ''}`;
}

/**
 * Major units as a JS number, for chart geometry only: a bar's height needs no cent-exactness,
 * and every label and table shows the exact string.
 */
export function chartValue(amount) {
  return Number(BigInt(amount ?? '0') / 100n);
}

export function sumAmounts(amounts) {
  return amounts.reduce((total, a) => total + BigInt(a ?? '0'), 0n).toString();
}

const STATUS_TONES = {
  ok: ['CONFIRMED', 'ACTIVE', 'APPROVE', 'APPROVED', 'SETTLED', 'REPAID', 'VALID', 'CURRENT', 'ACKNOWLEDGED'],
  warn: ['ISSUED', 'REQUESTED', 'REVIEW', 'PENDING', 'MARGIN_CALL', 'OVERDUE', 'FINANCED', 'SPLIT'],
  bad: ['DISPUTED', 'REJECT', 'REJECTED', 'DEFAULTED', 'CANCELLED', 'INVALID'],
};

export function badge(status) {
  const tone = Object.keys(STATUS_TONES).find((t) => STATUS_TONES[t].includes(status)) ?? '';
  return el('span', { className: `badge ${tone}` }, status ?? '–');
}

export function errorNotice(error, what) {
  const status = error?.status ? ` (${error.status} ${error.code ?? ''})` : '';
  return el('p', { className: 'error', role: 'alert' }, `${what}: ${error?.message ?? String(error)}${status}`);
}

/**
 * A table with a caption. `columns`: [{ label, value: (row) => Node|string, num?: true }].
 */
export function table({ caption, columns, rows, empty = 'Nothing to show.', rowAttributes }) {
  if (rows.length === 0) {
    return el('div', {}, el('h3', {}, caption), el('p', { className: 'muted' }, empty));
  }
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((c) => el('th', { scope: 'col', className: c.num ? 'num' : undefined }, c.label)),
      ),
    ),
    el(
      'tbody',
      {},
      rows.map((row) =>
        el(
          'tr',
          rowAttributes?.(row) ?? {},
          columns.map((c) => el('td', { className: c.num ? 'num' : undefined }, c.value(row) ?? '–')),
        ),
      ),
    ),
  );
}

export function today() {
  return new Date().toISOString().slice(0, 10);
}

export function shortTime(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '–';
}

/** The last outcome per status line: a view is redrawn on every block, its messages stay. */
const outcomes = new Map();

function show(status, text, className) {
  outcomes.set(status.id, { text, className });
  // The view may have been redrawn while the action ran: update the line now on the page.
  const node = document.getElementById(status.id) ?? status;
  node.textContent = text;
  node.className = className;
}

/** A polite live region a view reports its actions' outcomes in (kept across redraws). */
export function statusLine(id) {
  const last = outcomes.get(id);
  return el('p', { id, role: 'status', 'aria-live': 'polite', className: last?.className ?? 'muted' }, last?.text ?? '');
}

/**
 * A button that disables itself while its async action runs and reports the outcome in
 * `status` (a statusLine). `action` returns the success message; `then` runs after success.
 */
export function actionButton(label, { className, ariaLabel, action, status, then }) {
  const button = el('button', { type: 'button', className, 'aria-label': ariaLabel }, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    show(status, `${ariaLabel ?? label}…`, 'muted');
    try {
      const message = await action();
      show(status, message ?? 'Done.', 'ok-text');
      await then?.();
    } catch (error) {
      show(status, `${ariaLabel ?? label} failed: ${error.message}${error.code ? ` (${error.code})` : ''}`, 'error');
      button.disabled = false;
    }
  });
  return button;
}

/**
 * Long lists show `step` rows at first; "Show more" adds `step` (the count is kept per list
 * across redraws). Returns the rows to show and the control (or '' when all are shown).
 */
const shownCounts = new Map();
export function firstRows(id, rows, onChange, step = 20) {
  const shown = shownCounts.get(id) ?? step;
  const more =
    rows.length > shown
      ? el(
          'button',
          {
            type: 'button',
            id: `${id}-more`,
            className: 'secondary',
            onClick: () => {
              shownCounts.set(id, shown + step);
              void Promise.resolve(onChange()).then(() => document.getElementById(`${id}-more`)?.focus());
            },
          },
          `Show ${Math.min(step, rows.length - shown)} more (${rows.length - shown} not shown)`,
        )
      : '';
  return { rows: rows.slice(0, shown), more };
}

/**
 * The Idempotency-Key for a write the user may retry: the same key while the outcome is unknown
 * (the request failed before any answer), a new one once the gateway has answered, since the
 * gateway stores 4xx answers and would replay a refusal that no longer holds.
 */
const inDoubt = new Map();
export async function writeOnce(name, send) {
  const key = inDoubt.get(name) ?? crypto.randomUUID();
  inDoubt.set(name, key);
  try {
    const answer = await send({ 'idempotency-key': key });
    inDoubt.delete(name);
    return answer;
  } catch (error) {
    if (error.status !== undefined) {
      inDoubt.delete(name);
    }
    throw error;
  }
}
