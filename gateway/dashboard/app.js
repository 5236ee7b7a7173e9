// The dashboard shell: login with an API key, the caller's views (GET /v1/me), the tabs, the
// live block stream (GET /v1/events) and the ctx each view gets (see README.md).
// Each org's gateway serves its own org's dashboard: org.json names the org and its roles' views.
import { createApi } from './lib/api.js';
import { openEventStream } from './lib/events.js';

/** This gateway's org and the views of its roles, in tab order (module paths relative to this file). */
const orgDashboard = fetch('org.json', { cache: 'no-cache' }).then((response) => {
  if (!response.ok) {
    throw new Error(`org.json: ${response.status}`);
  }
  return response.json();
});

const KEY_STORAGE = 'scf-dashboard-api-key';
const $ = (id) => document.getElementById(id);

const state = {
  api: undefined,
  me: undefined,
  views: [],
  current: undefined,
  teardown: [],
  stream: undefined,
  lastBlock: undefined,
  rendering: false,
  pending: false,
};

/** A view module, or a stand-in that says why it is missing (e.g. views/chain.js not written yet). */
async function loadView(path) {
  try {
    const module = await import(`./${path}`);
    return { path, title: module.title ?? path, render: module.render };
  } catch (error) {
    const title = path.replace(/^views\/|\.js$/g, '').replace(/^./, (c) => c.toUpperCase());
    return {
      path,
      title,
      render: (root) => {
        root.innerHTML = '';
        const p = document.createElement('p');
        p.className = 'notice';
        p.textContent = `The ${title} view is not available (${error instanceof Error ? error.message : String(error)}).`;
        root.append(p);
      },
    };
  }
}

function runTeardown() {
  for (const fn of state.teardown.splice(0)) {
    try {
      fn();
    } catch {
      // a view's cleanup failing must not stop the others
    }
  }
}

/**
 * The ctx of one render: its subscriptions and charts are released when the view is left or
 * redrawn. `cleanups` collects them; the shell runs the previous render's only once the new one
 * has drawn, so a redraw waiting on the API never blanks the charts still on screen.
 */
function contextFor(cleanups) {
  const subscribers = new Set();
  cleanups.push(() => subscribers.clear());
  state.liveSubscribers = subscribers;
  return {
    api: state.api.json,
    apiText: state.api.text,
    me: state.me,
    role: state.me.role,
    onLedgerEvent: (callback) => {
      subscribers.add(callback);
      return () => subscribers.delete(callback);
    },
    chart: (canvas, config) => {
      const chart = new window.Chart(canvas, config);
      cleanups.push(() => chart.destroy());
      return chart;
    },
  };
}

/** Renders the current view; a redraw asked for while one runs is done once after it. */
async function renderCurrent() {
  if (state.rendering) {
    state.pending = true;
    return;
  }
  state.rendering = true;
  const root = $('view');
  const focusedId = document.activeElement && root.contains(document.activeElement) ? document.activeElement.id : '';
  try {
    do {
      state.pending = false;
      root.setAttribute('aria-busy', 'true');
      const cleanups = [];
      const ctx = contextFor(cleanups);
      const view = state.current;
      try {
        await view.render(root, ctx);
      } catch (error) {
        root.innerHTML = '';
        const p = document.createElement('p');
        p.className = 'error';
        p.setAttribute('role', 'alert');
        p.textContent = `Could not show ${view.title}: ${error instanceof Error ? error.message : String(error)}`;
        root.append(p);
      }
      runTeardown();
      state.teardown = cleanups;
      root.setAttribute('aria-busy', 'false');
      root.dataset.renderedAt = String(Date.now());
    } while (state.pending);
  } finally {
    state.rendering = false;
  }
  if (focusedId) {
    document.getElementById(focusedId)?.focus();
  }
}

function selectView(index, { focus = false } = {}) {
  state.current = state.views[index];
  for (const [i, button] of [...$('tabs').querySelectorAll('button')].entries()) {
    const selected = i === index;
    button.setAttribute('aria-selected', String(selected));
    button.tabIndex = selected ? 0 : -1;
    if (selected && focus) {
      button.focus();
    }
  }
  $('view').setAttribute('aria-labelledby', `tab-${index}`);
  sessionStorage.setItem('scf-dashboard-tab', state.current.path);
  void renderCurrent();
}

function buildTabs() {
  const tabs = $('tabs');
  tabs.innerHTML = '';
  state.views.forEach((view, index) => {
    const li = document.createElement('li');
    li.setAttribute('role', 'presentation');
    const button = document.createElement('button');
    button.type = 'button';
    button.id = `tab-${index}`;
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-controls', 'view');
    button.textContent = view.title;
    button.addEventListener('click', () => selectView(index));
    // Arrow keys move between tabs (WAI-ARIA tabs pattern).
    button.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: state.views.length - 1 - index };
      const move = moves[event.key];
      if (move !== undefined) {
        event.preventDefault();
        selectView((index + move + state.views.length) % state.views.length, { focus: true });
      }
    });
    li.append(button);
    tabs.append(li);
  });
}

function setLive(text, online) {
  const live = $('live');
  live.hidden = false;
  live.textContent = text;
  live.classList.toggle('offline', !online);
}

function onBlock(event) {
  state.lastBlock = event.blockNumber;
  setLive(`Live · block ${event.blockNumber}`, true);
  for (const callback of state.liveSubscribers ?? []) {
    try {
      callback(event);
    } catch {
      // one view's handler failing must not stop the redraw
    }
  }
  scheduleRedraw();
}

/**
 * The visible view is redrawn on every block: at once, or, when blocks come fast, once a second
 * (coalesced, never two redraws at a time), so a busy ledger does not keep the API busy.
 */
const MIN_REDRAW_INTERVAL_MS = 1000;
let lastRedraw = 0;
let redrawTimer;
function scheduleRedraw() {
  if (redrawTimer !== undefined) {
    return;
  }
  const wait = Math.max(0, lastRedraw + MIN_REDRAW_INTERVAL_MS - Date.now());
  redrawTimer = setTimeout(() => {
    redrawTimer = undefined;
    lastRedraw = Date.now();
    void renderCurrent();
  }, wait);
}

function showLogin(message = '') {
  state.stream?.close();
  runTeardown();
  $('app').hidden = true;
  $('who').hidden = true;
  $('live').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message;
  $('api-key').focus();
}

/** The org's name in the header and on the login form: each org's people sign in at their own org's gateway. */
async function showOrg() {
  const { org } = await orgDashboard;
  document.title = `SCF dashboard · ${org}`;
  $('org-name').textContent = org;
  $('login-org').textContent = org;
  document.body.dataset.org = org;
}

async function signIn(apiKey) {
  const api = createApi(apiKey, () => {
    sessionStorage.removeItem(KEY_STORAGE);
    showLogin('The API key was refused; sign in again.');
  });
  const [me, dashboard] = await Promise.all([api.json('/v1/me'), orgDashboard]);
  state.api = api;
  state.me = me;
  sessionStorage.setItem(KEY_STORAGE, apiKey);
  const paths = dashboard.views[me.role] ?? [];
  state.views = await Promise.all(paths.map(loadView));
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').hidden = false;
  $('who').textContent = `${me.displayName} · ${me.role} · ${me.mspId}`;
  $('logout').hidden = false;
  document.body.dataset.role = me.role;
  if (state.views.length === 0) {
    $('tabs').innerHTML = '';
    $('view').innerHTML = `<p class="notice">There is no dashboard for the role “${me.role}”. Use the API (<a href="/docs">/docs</a>).</p>`;
    return;
  }
  buildTabs();
  const remembered = state.views.findIndex((v) => v.path === sessionStorage.getItem('scf-dashboard-tab'));
  selectView(Math.max(0, remembered));
  setLive('Connecting…', false);
  state.stream = openEventStream(apiKey, {
    onBlock,
    onOpen: () => setLive(state.lastBlock ? `Live · block ${state.lastBlock}` : 'Live', true),
    onDown: () => setLive('Reconnecting…', false),
  });
}

$('login-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const apiKey = $('api-key').value.trim();
  if (apiKey === '') {
    $('login-error').textContent = 'Enter an API key.';
    return;
  }
  $('login-error').textContent = '';
  signIn(apiKey)
    .then(() => {
      $('api-key').value = '';
      $('view').focus();
    })
    .catch((error) => {
      showLogin(
        error.status === 401
          ? `That API key is not valid here: this is ${document.body.dataset.org ?? 'one org'}'s gateway, and it knows its own org's keys only.`
          : `Sign-in failed: ${error.message}`,
      );
    });
});

$('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY_STORAGE);
  showLogin();
});

showOrg().catch((error) => {
  $('login-error').textContent = `This gateway's dashboard is not available: ${error.message}`;
});

const saved = sessionStorage.getItem(KEY_STORAGE);
if (saved) {
  signIn(saved).catch(() => showLogin());
} else {
  showLogin();
}
