// The stalkguard dashboard: a page per hash route (#/cases, #/cases/<id>, #/contacts, #/alerts,
// #/checkup, #/search, #/settings) over the /api/v1 endpoints of `stalkguard serve`. No
// framework and no build step; the server compiles these files into its binary.
//
// Who sees what is decided by the server (docs/api.md); the page only leaves out what a role
// would be refused anyway, and tells a guardian what they do and do not see.

import {api, ApiError, casePath} from './api.js';
import {
  h,
  replaceChildren,
  severityBadge,
  SEVERITIES,
  severityOf,
  formatDate,
  formatDateTime,
  formatAgo,
  plural,
  humanize,
} from './dom.js';
import {timelineFigure, timelineFromEvents} from './timeline.js';

const POLL_MS = 4000;

const state = {
  me: null,
  preview: false, // the protected person looking at what a guardian sees
  cases: null,
  casesText: '',
  seenCases: null,
  lastChecked: null,
  renderToken: 0,
  onCasesChanged: null,
};

const main = document.getElementById('main');
const navEl = document.getElementById('nav');
const bannerEl = document.getElementById('role-banner');
const userEl = document.getElementById('user');
const liveEl = document.getElementById('live');

function role() {
  return state.me ? state.me.role : null;
}

// Whole messages, contacts' addresses, the report and the evidence: the protected person's.
function seesMessages() {
  return Boolean(state.me && state.me.sees_messages) && !state.preview;
}

function mayManage() {
  return (role() === 'protected' || role() === 'admin') && !state.preview;
}

function announce(text) {
  liveEl.textContent = '';
  // A fresh text node after a tick, so screen readers read a repeated message again.
  setTimeout(() => {
    liveEl.textContent = text;
  }, 50);
}

// ---- page frame -------------------------------------------------------------------------

const NAV = [
  ['#/cases', 'Cases'],
  ['#/contacts', 'Contacts'],
  ['#/alerts', 'Alerts'],
  ['#/checkup', 'Check-up'],
  ['#/search', 'Search'],
  ['#/settings', 'Settings'],
];

function renderFrame() {
  document.body.classList.toggle('signed-in', Boolean(state.me));
  if (!state.me) {
    navEl.replaceChildren();
    bannerEl.replaceChildren();
    bannerEl.hidden = true;
    userEl.replaceChildren();
    return;
  }
  replaceChildren(
    navEl,
    h(
      'ul',
      {},
      NAV.map(([href, label]) =>
        h(
          'li',
          {},
          h(
            'a',
            {href, 'data-route': href},
            label,
            href === '#/cases' ? h('span', {class: 'nav-count', id: 'nav-count'}) : null,
          ),
        ),
      ),
    ),
  );
  replaceChildren(
    userEl,
    h('span', {class: 'who'}, state.me.login, h('span', {class: 'role-tag'}, roleName(role()))),
    h('button', {type: 'button', class: 'button quiet', onclick: logout}, 'Sign out'),
  );
  renderBanner();
  markNav();
  updateNavCount();
}

function roleName(r) {
  return {protected: 'you, protected', guardian: 'guardian', admin: 'admin'}[r] || r;
}

function renderBanner() {
  bannerEl.hidden = false;
  if (role() === 'guardian') {
    replaceChildren(
      bannerEl,
      h(
        'p',
        {},
        h('strong', {}, 'You are signed in as a guardian. '),
        'You see the cases, the findings and the flagged excerpts, to help keep the person you look ' +
          "after safe. You do not see their whole messages, their contacts' addresses, or the report " +
          'and evidence downloads: those stay theirs.',
      ),
    );
    return;
  }
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'button quiet small',
      'aria-pressed': String(state.preview),
      onclick: () => {
        state.preview = !state.preview;
        renderFrame();
        route({keepFocus: true});
        announce(state.preview ? 'Showing what a guardian sees.' : 'Showing everything.');
      },
    },
    state.preview ? 'Back to my full view' : 'Preview what a guardian sees',
  );
  if (state.preview) {
    replaceChildren(
      bannerEl,
      h(
        'p',
        {},
        h('strong', {}, 'Preview: this is what your guardians see. '),
        "Cases, findings and flagged excerpts, but not your whole messages, your contacts' addresses " +
          'or the downloads. ',
        toggle,
      ),
    );
  } else if (role() === 'protected') {
    replaceChildren(
      bannerEl,
      h(
        'p',
        {},
        'Only you see your whole messages and download the report. Guardians you add see the cases, ' +
          'findings and flagged excerpts. ',
        toggle,
      ),
    );
  } else {
    replaceChildren(
      bannerEl,
      h(
        'p',
        {},
        "Signed in as the household's admin: you manage settings and see cases and findings, not " +
          'whole messages. ',
        toggle,
      ),
    );
  }
}

function markNav() {
  const hash = location.hash || '#/cases';
  for (const a of navEl.querySelectorAll('a[data-route]')) {
    const here = hash === a.dataset.route || hash.startsWith(`${a.dataset.route}/`);
    if (here) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function updateNavCount() {
  const el = document.getElementById('nav-count');
  if (!el || !state.cases) return;
  const serious = state.cases.filter((c) => SEVERITIES[severityOf(c.severity)].rank >= 2).length;
  el.textContent = serious ? String(serious) : '';
  el.title = serious ? `${plural(serious, 'case')} at warning or danger` : '';
}

// Puts a page in <main>: its title in the tab, its heading focused after a navigation.
function show(title, nodes, {keepFocus = false} = {}) {
  document.title = `${title} · stalkguard`;
  replaceChildren(main, nodes);
  if (!keepFocus) {
    const heading = main.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({preventScroll: true});
    }
    window.scrollTo(0, 0);
  }
  for (const f of main.querySelectorAll('figure.timeline')) if (f.redraw) f.redraw();
}

function notice(kind, ...text) {
  return h('div', {class: `notice ${kind}`, role: kind === 'error' ? 'alert' : null}, ...text);
}

// `what` names the thing in the middle of a sentence: "the timeline", "alert settings".
function errorNotice(err, what) {
  if (err instanceof ApiError && err.missingEndpoint) {
    return notice(
      'info',
      `Not available yet: this version of stalkguard serve does not offer ${what}. ` +
        'Everything else works.',
    );
  }
  if (err instanceof ApiError && err.status === 403) {
    return notice('info', `Not shown to you: ${err.message}`);
  }
  return notice('error', `Could not load ${what}: ${err.message}`);
}

function section(title, ...children) {
  const id = `s-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return h('section', {class: 'panel', 'aria-labelledby': id}, h('h2', {id}, title), ...children);
}

// ---- routing ------------------------------------------------------------------------------

const ROUTES = [
  [/^#\/cases\/([^/]+)$/, (m, o) => caseView(decodeURIComponent(m[1]), o)],
  [/^#\/cases$/, (m, o) => casesView(o)],
  [/^#\/contacts$/, (m, o) => contactsView(o)],
  [/^#\/alerts$/, (m, o) => alertsView(o)],
  [/^#\/checkup$/, (m, o) => checkupView(o)],
  [/^#\/search$/, (m, o) => searchView(o)],
  [/^#\/settings$/, (m, o) => settingsView(o)],
];

async function route(options = {}) {
  if (!state.me) {
    loginView();
    return;
  }
  const hash = location.hash || '#/cases';
  markNav();
  state.onCasesChanged = null;
  const token = ++state.renderToken;
  const current = () => token === state.renderToken;
  for (const [pattern, view] of ROUTES) {
    const m = hash.match(pattern);
    if (!m) continue;
    try {
      await view(m, {...options, current});
    } catch (err) {
      if (!current()) return;
      if (err instanceof ApiError && err.status === 401) {
        signedOut('Your session has ended. Please sign in again.');
        return;
      }
      if (err instanceof ApiError && err.status === 404 && !err.missingEndpoint) {
        // A case that is gone (a profile change can merge or drop contacts).
        show('Not found', [
          h('h1', {}, 'Not found'),
          notice('info', `${err.message}. It may have changed since this link was made.`),
          h('p', {}, h('a', {href: '#/cases'}, 'See all cases')),
        ]);
        return;
      }
      show('Error', [h('h1', {}, 'Something went wrong'), errorNotice(err, 'this page')]);
    }
    return;
  }
  location.replace('#/cases');
}

function signedOut(message) {
  state.me = null;
  state.cases = null;
  state.casesText = '';
  state.seenCases = null;
  state.preview = false;
  renderFrame();
  loginView(message);
}

// ---- sign in and out --------------------------------------------------------------------

function loginView(message) {
  const error = h('p', {class: 'form-error', id: 'login-error', role: 'alert'});
  const login = h('input', {
    id: 'login',
    name: 'login',
    autocomplete: 'username',
    required: true,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', {
    id: 'password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const button = h('button', {type: 'submit', class: 'button primary'}, 'Sign in');
  const form = h(
    'form',
    {class: 'login-form', 'aria-describedby': 'login-error', novalidate: true},
    h('div', {class: 'field'}, h('label', {for: 'login'}, 'Login'), login),
    h('div', {class: 'field'}, h('label', {for: 'password'}, 'Password'), password),
    error,
    button,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!login.value || !password.value) {
      error.textContent = 'Enter your login and your password.';
      return;
    }
    button.disabled = true;
    error.textContent = '';
    try {
      await api('/login', {method: 'POST', body: {login: login.value, password: password.value}});
      password.value = '';
      state.me = await api('/me');
      renderFrame();
      if (!location.hash || location.hash === '#/login') location.replace('#/cases');
      await route();
      startPolling();
    } catch (err) {
      error.textContent =
        err.status === 401
          ? 'That login and password do not match.'
          : err.status === 429
            ? err.message
            : `Could not sign in: ${err.message}`;
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  show('Sign in', [
    h(
      'div',
      {class: 'login'},
      h('h1', {}, 'Sign in'),
      h(
        'p',
        {class: 'lead'},
        'stalkguard keeps the evidence of stalking and harassment and helps ' +
          'you act on it. This page talks only to this stalkguard service and loads nothing from any ' +
          'other site.',
      ),
      message ? notice('info', message) : null,
      form,
    ),
  ]);
  login.focus();
}

async function logout() {
  try {
    await api('/logout', {method: 'POST'});
  } catch (ignored) {
    // Signed out locally either way; the cookie expires on its own.
  }
  signedOut('You have signed out.');
}

// ---- cases --------------------------------------------------------------------------------

async function loadCases() {
  const data = await api('/cases');
  const cases = Array.isArray(data.cases) ? data.cases : [];
  const text = JSON.stringify(cases);
  const changed = text !== state.casesText;
  if (state.seenCases) {
    for (const c of cases) {
      if (!state.seenCases.has(c.contact.id) && SEVERITIES[severityOf(c.severity)].rank >= 1) {
        announce(`New case: ${c.contact.display}, ${SEVERITIES[severityOf(c.severity)].word}.`);
      }
    }
  }
  state.seenCases = new Set(cases.map((c) => c.contact.id));
  state.cases = cases;
  state.casesText = text;
  state.lastChecked = new Date();
  updateNavCount();
  return changed;
}

function caseCard(c) {
  const f = c.facts || {};
  const key = severityOf(c.severity);
  const meta = [
    `${f.incoming ?? 0} from them`,
    `${f.outgoing ?? 0} ${f.outgoing === 1 ? 'reply' : 'replies'}`,
    `${plural(f.incidents ?? 0, 'flagged incident')}`,
  ];
  return h(
    'li',
    {},
    h(
      'a',
      {class: `case-card sev-border-${key}`, href: `#${casePath(c.contact.id)}`},
      h(
        'div',
        {class: 'case-head'},
        severityBadge(key),
        h('h2', {class: 'case-name'}, c.contact.display || c.contact.id),
        c.trusted ? h('span', {class: 'tag'}, 'trusted') : null,
      ),
      (c.reasons || []).length ? h('p', {class: 'case-reasons'}, c.reasons.slice(0, 3).join(' · ')) : null,
      h(
        'p',
        {class: 'case-meta'},
        meta.join(' · '),
        f.last ? h('span', {class: 'nowrap'}, ` · last contact ${formatDate(f.last)}`) : null,
      ),
    ),
  );
}

async function casesView({keepFocus, current}) {
  if (!state.cases) await loadCases();
  if (!current()) return;
  const render = (focus) => {
    const cases = state.cases || [];
    const shown = cases.filter((c) => severityOf(c.severity) !== 'info');
    const calm = cases.filter((c) => severityOf(c.severity) === 'info');
    const counts = ['danger', 'warning', 'watch', 'info']
      .map((k) => [k, cases.filter((c) => severityOf(c.severity) === k).length])
      .filter(([, n]) => n > 0);
    const guardian = role() === 'guardian' || state.preview;
    show(
      'Cases',
      [
        h('h1', {}, 'Cases'),
        h(
          'p',
          {class: 'lead'},
          guardian
            ? 'People whose messages to the person you look after look like stalking or harassment, the ' +
                'most serious first. Open one to see why and what to do.'
            : 'People whose messages look like stalking or harassment, the most serious first. Open one ' +
                'to see why, what to do, and to download the report for the police.',
        ),
        counts.length
          ? h(
              'ul',
              {class: 'counts', 'aria-label': 'Cases by severity'},
              counts.map(([k, n]) => h('li', {}, severityBadge(k, `: ${n}`))),
            )
          : null,
        shown.length
          ? h('ul', {class: 'case-list', id: 'case-list'}, shown.map(caseCard))
          : notice(
              'calm',
              cases.length
                ? 'Nothing worrying has been found. Contacts that were looked at are listed below.'
                : 'No cases yet. When messages come in, anything worrying shows up here within a few ' +
                    'seconds, without reloading the page.',
            ),
        calm.length
          ? h(
              'details',
              {class: 'calm-cases'},
              h('summary', {}, `${plural(calm.length, 'contact')} with nothing worrying (info)`),
              h('ul', {class: 'case-list'}, calm.map(caseCard)),
            )
          : null,
        h(
          'p',
          {class: 'muted small', id: 'last-checked'},
          `Updated automatically. Last checked ${state.lastChecked ? state.lastChecked.toLocaleTimeString() : '—'}.`,
        ),
      ],
      {keepFocus: focus},
    );
  };
  render(keepFocus);
  state.onCasesChanged = (changed) => {
    if (changed) {
      render(true);
    } else {
      const el = document.getElementById('last-checked');
      if (el)
        el.textContent = `Updated automatically. Last checked ${state.lastChecked.toLocaleTimeString()}.`;
    }
  };
}

const FACTS = [
  ['incoming', 'From them', (v) => String(v)],
  ['outgoing', 'Replies', (v) => String(v)],
  ['incidents', 'Flagged incidents', (v) => String(v)],
  ['first', 'First contact', formatDateTime],
  ['last', 'Latest contact', (v) => `${formatDateTime(v)} (${formatAgo(v)})`],
  ['days_active', 'Days with contact', (v) => String(v)],
  ['channels', 'Channels', (v) => (v || []).map(platformName).join(', ') || '—'],
  ['unanswered_calls', 'Unanswered calls', (v) => String(v)],
  ['night_contacts', 'At night', (v) => String(v)],
  ['refused', 'Was told to stop', (v) => (v ? 'Yes' : 'No')],
  ['messages_after_refusal', 'Contacts after being told to stop', (v) => String(v)],
  ['unanswered_share', 'Left unanswered', (v) => `${Math.round((Number(v) || 0) * 100)} %`],
  ['knows_whereabouts', 'Knows where you are or go', (v) => (v ? 'Yes' : 'No')],
  ['third_parties_reached', 'Seen by other people', (v) => String(v)],
  ['escalation', 'Getting worse', (v) => (v ? 'Yes' : 'No')],
];

// Facts that matter most are shown even when zero; the rest only when they say something.
const ALWAYS_FACTS = new Set(['incoming', 'outgoing', 'incidents', 'first', 'last', 'channels']);

function factsList(facts) {
  const items = [];
  for (const [key, label, format] of FACTS) {
    if (!(key in facts)) continue;
    const v = facts[key];
    if (!ALWAYS_FACTS.has(key) && (!v || (Array.isArray(v) && v.length === 0))) continue;
    const alarming = (key === 'refused' || key === 'knows_whereabouts' || key === 'escalation') && v;
    items.push(
      h('div', {class: alarming ? 'fact alarming' : 'fact'}, h('dt', {}, label), h('dd', {}, format(v))),
    );
  }
  return h('dl', {class: 'facts'}, items);
}

const IDENTITY_KINDS = {phone: 'Phone', email: 'E-mail', handle: 'Account'};
const PLATFORMS = {
  sms: 'SMS',
  mms: 'MMS',
  email: 'E-mail',
  whatsapp: 'WhatsApp',
  instagram: 'Instagram',
  telegram: 'Telegram',
  tiktok: 'TikTok',
  facebook: 'Facebook',
  messenger: 'Messenger',
  call: 'Calls',
  chat: 'Chat',
  comment: 'Comments',
  post: 'Posts',
  system: 'System',
};

function platformName(name) {
  return PLATFORMS[String(name).toLowerCase()] || humanize(name);
}

function identityItem(text) {
  const parts = String(text).split(':');
  const kind = parts.shift();
  if (kind === 'handle' && parts.length > 1) {
    const platform = parts.shift();
    return h('li', {}, h('span', {class: 'id-kind'}, platformName(platform)), ' ', parts.join(':'));
  }
  return h(
    'li',
    {},
    h('span', {class: 'id-kind'}, IDENTITY_KINDS[kind] || humanize(kind)),
    ' ',
    parts.join(':') || text,
  );
}

function findingItem(f, timeOf) {
  const time = timeOf.get(f.event);
  return h(
    'li',
    {class: `finding sev-border-${severityOf(f.severity)}`},
    h(
      'div',
      {class: 'finding-head'},
      severityBadge(f.severity),
      h('strong', {}, humanize(f.category)),
      time ? h('span', {class: 'muted small'}, formatDateTime(time)) : null,
    ),
    f.excerpt ? h('blockquote', {class: 'excerpt'}, f.excerpt) : null,
    h('p', {class: 'why muted small'}, `Why: ${f.why || humanize(f.detector)}`),
  );
}

async function caseView(id, {keepFocus, current}) {
  const data = await api(casePath(id));
  if (!current()) return;
  const c = data.case;
  const key = severityOf(c.severity);
  const who = c.contact.display || c.contact.id;
  const findings = [...(c.findings || [])].sort(
    (a, b) =>
      SEVERITIES[severityOf(b.severity)].rank - SEVERITIES[severityOf(a.severity)].rank || b.score - a.score,
  );
  const guardian = role() === 'guardian' || state.preview;
  const timeOf = new Map();
  const timelineSlot = h('div', {class: 'timeline-slot'}, h('p', {class: 'muted'}, 'Loading the timeline…'));
  // The ten most serious first: a long list of threats is hard to face all at once.
  let findingLimit = 10;
  const findingList = h('ol', {class: 'findings', id: 'findings'});
  const moreFindings = h('button', {
    type: 'button',
    class: 'button',
    id: 'all-findings',
    onclick: () => {
      findingLimit = findings.length;
      drawFindings();
      // Focus moves to the first excerpt that was hidden, so a keyboard user goes on from there.
      const next = findingList.children[10];
      if (next) {
        next.setAttribute('tabindex', '-1');
        next.focus();
      }
    },
  });
  const drawFindings = () => {
    replaceChildren(
      findingList,
      findings.slice(0, findingLimit).map((f) => findingItem(f, timeOf)),
    );
    moreFindings.textContent = `Show all ${findings.length} excerpts`;
    moreFindings.hidden = findings.length <= findingLimit;
  };
  drawFindings();
  const updateSlot = h('div', {class: 'update-slot'});
  const signature = (x) => `${x.severity}|${x.score}|${x.facts && x.facts.incidents}`;
  const shownSignature = signature(c);

  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const base = `/api/v1${casePath(id)}`;
  const downloads = seesMessages()
    ? section(
        'Report and evidence',
        h(
          'p',
          {},
          'The report is what to show the police, a school or a lawyer: every incident, the ' +
            'timeline and what was done, signed so that it can be checked. The evidence bundle holds the ' +
            'original messages it cites.',
        ),
        h(
          'div',
          {class: 'button-row'},
          h(
            'a',
            {
              class: 'button primary',
              id: 'download-report',
              download: '',
              href: `${base}/report?format=pdf&tz=${encodeURIComponent(tz)}`,
            },
            'Download the report (PDF)',
          ),
          h(
            'a',
            {
              class: 'button',
              id: 'download-report-html',
              download: '',
              href: `${base}/report?format=html&tz=${encodeURIComponent(tz)}`,
            },
            'Report as a web page',
          ),
          h(
            'a',
            {class: 'button', id: 'download-evidence', download: '', href: `${base}/evidence`},
            'Evidence bundle (zip)',
          ),
        ),
      )
    : section(
        'Report and evidence',
        h(
          'p',
          {class: 'muted'},
          'The report and the evidence bundle quote whole messages, so only the person you look after ' +
            'downloads them. Ask them for a copy if the police need it.',
        ),
      );

  const messagesSlot = h('div', {class: 'messages-slot'});
  const messagesSection = seesMessages()
    ? section(
        'Whole messages',
        h(
          'p',
          {},
          'The whole conversation, with the parts that were not flagged too. It may be upsetting ' +
            'to read; it is here when you need it.',
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button',
            id: 'show-messages',
            onclick: async (ev) => {
              ev.target.disabled = true;
              await showMessages(id, messagesSlot, findings);
              ev.target.hidden = true;
            },
          },
          'Show whole messages',
        ),
        messagesSlot,
      )
    : null;

  show(
    who,
    [
      h('p', {class: 'back'}, h('a', {href: '#/cases'}, '← All cases')),
      h(
        'header',
        {class: `case-header sev-border-${key}`},
        h('h1', {}, who),
        h(
          'p',
          {class: 'case-head'},
          severityBadge(key),
          ` score ${Math.round((c.score || 0) * 100)}/100`,
          c.trusted ? h('span', {class: 'tag'}, 'trusted contact') : null,
        ),
        h('p', {class: 'sev-hint'}, `${SEVERITIES[key].word}: ${SEVERITIES[key].hint}.`),
        (c.reasons || []).length
          ? h(
              'ul',
              {class: 'reasons'},
              c.reasons.map((r) => h('li', {}, r)),
            )
          : null,
      ),
      updateSlot,
      (c.actions || []).length
        ? section(
            'What to do',
            h(
              'ol',
              {class: `actions${key === 'danger' ? ' urgent' : ''}`},
              c.actions.map((a) => h('li', {}, a)),
            ),
          )
        : null,
      seesMessages() ? downloads : null,
      section('Timeline', timelineSlot),
      section(
        `Flagged excerpts (${findings.length})`,
        guardian
          ? h(
              'p',
              {class: 'muted small'},
              'Only the flagged words and a little around them, not the whole conversation.',
            )
          : null,
        findings.length
          ? [findingList, moreFindings]
          : h(
              'p',
              {class: 'muted'},
              'No single message ' + 'was flagged; the case comes from the pattern of contact.',
            ),
      ),
      section('Facts', factsList(c.facts || {})),
      // Addresses are the person's to see (docs/api.md), even where a reply carries them.
      seesMessages()
        ? section(
            'Contact identities',
            h(
              'p',
              {class: 'muted small'},
              'The numbers and accounts that were judged to be the same person.',
            ),
            h('ul', {class: 'identities'}, (c.contact.identities || []).map(identityItem)),
          )
        : null,
      seesMessages() ? null : downloads,
      messagesSection,
    ],
    {keepFocus},
  );

  // The timeline comes after the page is shown: it may take a moment, and may not exist yet.
  loadTimeline(id, who, findings, timelineSlot, drawFindings, timeOf, current);

  state.onCasesChanged = () => {
    const now = (state.cases || []).find((x) => x.contact.id === id);
    if (!now || signature(now) === shownSignature || updateSlot.childElementCount) return;
    replaceChildren(
      updateSlot,
      notice(
        'info',
        'New messages changed this case. ',
        h(
          'button',
          {type: 'button', class: 'button small', onclick: () => route({keepFocus: true})},
          'Show the update',
        ),
      ),
    );
  };
}

async function loadTimeline(id, who, findings, slot, drawFindings, timeOf, current) {
  let data = null;
  let failure = null;
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
    data = await api(`${casePath(id)}/timeline?tz=${encodeURIComponent(tz)}`);
  } catch (err) {
    failure = err;
  }
  // Without the endpoint, the person's own view can still draw it from the messages.
  if (!data && failure instanceof ApiError && failure.missingEndpoint && seesMessages()) {
    try {
      const events = await api(`${casePath(id)}/events`);
      data = timelineFromEvents(events.events || [], findings);
      failure = null;
    } catch (err) {
      failure = err;
    }
  }
  if (!current()) return;
  if (!data) {
    replaceChildren(slot, errorNotice(failure, 'the timeline'));
    return;
  }
  for (const f of data.findings || [])
    if (f.event && f.time && !timeOf.has(f.event)) timeOf.set(f.event, f.time);
  replaceChildren(slot, timelineFigure(data, who));
  for (const f of slot.querySelectorAll('figure.timeline')) if (f.redraw) f.redraw();
  if (timeOf.size) drawFindings();
}

function eventText(e) {
  if (e.call) {
    const d = e.call.duration_s;
    return `${humanize(e.call.type)} call${d ? `, ${Math.round(d / 60)} min` : ''}`;
  }
  return (
    [
      e.subject ? `Subject: ${e.subject}` : null,
      e.text || null,
      (e.attachments || []).length ? `Attachments: ${e.attachments.map((a) => a.name).join(', ')}` : null,
    ]
      .filter(Boolean)
      .join('\n') || '(no text)'
  );
}

async function showMessages(id, slot, findings) {
  replaceChildren(slot, h('p', {class: 'muted'}, 'Loading…'));
  let data;
  try {
    data = await api(`${casePath(id)}/events`);
  } catch (err) {
    replaceChildren(slot, errorNotice(err, 'the messages'));
    return;
  }
  const flagged = new Map();
  for (const f of findings) {
    const prev = flagged.get(f.event);
    if (!prev || SEVERITIES[severityOf(f.severity)].rank > SEVERITIES[prev].rank)
      flagged.set(f.event, severityOf(f.severity));
  }
  const events = data.events || [];
  replaceChildren(
    slot,
    h(
      'p',
      {class: 'muted small'},
      `${plural(events.length, 'message or call', 'messages and calls')}, oldest first.`,
    ),
    h(
      'ol',
      {class: 'messages', id: 'messages'},
      events.map((e) => {
        const sev = flagged.get(e.event_id);
        const mine = e.direction === 'outgoing';
        return h(
          'li',
          {class: `message ${mine ? 'mine' : 'theirs'}${sev ? ` flagged sev-border-${sev}` : ''}`},
          h(
            'p',
            {class: 'message-meta small'},
            h('span', {}, mine ? 'You' : (e.sender && (e.sender.name || e.sender.id)) || 'Them'),
            ` · ${formatDateTime(e.time)} · ${platformName(e.platform || e.channel)}`,
            sev ? h('span', {}, ' · ', severityBadge(sev)) : null,
          ),
          h('p', {class: 'message-text'}, eventText(e)),
        );
      }),
    ),
  );
}

// ---- contacts -----------------------------------------------------------------------------

async function contactsView({keepFocus, current}) {
  const [data] = await Promise.all([api('/contacts'), state.cases ? null : loadCases()]);
  if (!current()) return;
  const caseIds = new Map((state.cases || []).map((c) => [c.contact.id, c]));
  const contacts = data.contacts || [];
  show(
    'Contacts',
    [
      h('h1', {}, 'Contacts'),
      h(
        'p',
        {class: 'lead'},
        'Everyone in the messages, with the accounts and numbers joined into one ' +
          'person where they were judged to be the same.' +
          (seesMessages() ? '' : ' Guardians see names, counts and dates, not the addresses.'),
      ),
      contacts.length
        ? h(
            'ul',
            {class: 'contact-list'},
            contacts.map((k) => {
              const c = caseIds.get(k.id);
              return h(
                'li',
                {class: 'contact'},
                h(
                  'div',
                  {class: 'case-head'},
                  h(
                    'h2',
                    {class: 'case-name'},
                    c ? h('a', {href: `#${casePath(k.id)}`}, k.display || k.id) : k.display || k.id,
                  ),
                  c ? severityBadge(c.severity) : null,
                ),
                h(
                  'p',
                  {class: 'case-meta'},
                  `${(k.channels || []).map(platformName).join(', ')} · ${k.incoming} in · ${k.outgoing} out · ` +
                    `${formatDate(k.first)} – ${formatDate(k.last)}`,
                ),
                seesMessages() && (k.identities || []).length
                  ? h(
                      'details',
                      {},
                      h('summary', {}, plural(k.identities.length, 'identity', 'identities')),
                      h('ul', {class: 'identities'}, k.identities.map(identityItem)),
                      (k.link_reasons || []).length
                        ? h(
                            'p',
                            {class: 'small muted'},
                            'Linked because: ',
                            k.link_reasons
                              .map((r) => (typeof r === 'string' ? r : JSON.stringify(r)))
                              .join('; '),
                          )
                        : null,
                    )
                  : null,
              );
            }),
          )
        : notice('calm', 'No contacts yet.'),
    ],
    {keepFocus},
  );
}

// ---- alerts -------------------------------------------------------------------------------

async function alertsView({keepFocus, current}) {
  let body;
  try {
    const data = await api('/alerts');
    const alerts = data.alerts || [];
    body = alerts.length
      ? h(
          'ol',
          {class: 'alert-list'},
          alerts.map((a) =>
            h(
              'li',
              {class: `alert-item sev-border-${severityOf(a.severity)}`},
              h(
                'div',
                {class: 'case-head'},
                severityBadge(a.severity),
                h('h2', {class: 'case-name'}, h('a', {href: `#${casePath(a.case)}`}, a.display || a.case)),
              ),
              h(
                'p',
                {class: 'case-meta'},
                a.previous_severity
                  ? `Went from ${SEVERITIES[severityOf(a.previous_severity)].word} to ${SEVERITIES[severityOf(a.severity)].word}`
                  : `New case at ${SEVERITIES[severityOf(a.severity)].word}`,
                ` · ${formatDateTime(a.created)}`,
              ),
              (a.deliveries || []).length
                ? h(
                    'ul',
                    {class: 'deliveries'},
                    a.deliveries.map((d) =>
                      h(
                        'li',
                        {},
                        h('span', {class: `tag state-${d.state}`}, d.state),
                        ` ${humanize(d.channel)} to ${d.target}`,
                        d.attempts > 1 ? ` · ${d.attempts} attempts` : '',
                        d.sent ? ` · sent ${formatDateTime(d.sent)}` : '',
                        d.last_error ? h('span', {class: 'muted'}, ` · last error: ${d.last_error}`) : null,
                      ),
                    ),
                  )
                : h('p', {class: 'muted small'}, 'Not sent anywhere: no alert rule matched.'),
            ),
          ),
        )
      : notice('calm', 'No alerts yet. An alert is made when a case becomes more serious.');
  } catch (err) {
    if (err.status === 401) throw err;
    body = errorNotice(err, 'the alert history');
  }
  if (!current()) return;
  show(
    'Alerts',
    [
      h('h1', {}, 'Alerts'),
      h(
        'p',
        {class: 'lead'},
        'Each time a case became more serious, and where the alert was sent. ' + 'Where alerts go is set in ',
        h('a', {href: '#/settings'}, 'Settings'),
        '.',
      ),
      body,
    ],
    {keepFocus},
  );
}

// ---- check-up -----------------------------------------------------------------------------

const CHECK_STATUS = {
  fix: {word: 'To fix', mark: '◆', cls: 'status-fix'},
  unknown: {word: 'Not known yet', mark: '?', cls: 'status-unknown'},
  ok: {word: 'OK', mark: '✓', cls: 'status-ok'},
};

async function checkupView({keepFocus, current}) {
  const data = await api('/checkup');
  if (!current()) return;
  const items = data.items || [];
  const counts = data.counts || {};
  const order = {fix: 0, unknown: 1, ok: 2};
  items.sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3));
  show(
    'Safety check-up',
    [
      h('h1', {}, 'Safety check-up'),
      h(
        'p',
        {class: 'lead'},
        'What to lock down: passwords, posts that give away where to find you, ' +
          'dangerous links, stalkerware and account settings.',
      ),
      h(
        'ul',
        {class: 'counts', 'aria-label': 'Check-up summary'},
        ['fix', 'unknown', 'ok'].map((k) =>
          h(
            'li',
            {},
            h(
              'span',
              {class: `badge ${CHECK_STATUS[k].cls}`},
              h('span', {'aria-hidden': 'true'}, CHECK_STATUS[k].mark),
              ` ${CHECK_STATUS[k].word}: ${counts[k] ?? 0}`,
            ),
          ),
        ),
      ),
      h(
        'ul',
        {class: 'check-list'},
        items.map((item) => {
          const s = CHECK_STATUS[item.status] || CHECK_STATUS.unknown;
          return h(
            'li',
            {class: `check-item ${s.cls}`},
            h(
              'div',
              {class: 'case-head'},
              h('span', {class: `badge ${s.cls}`}, h('span', {'aria-hidden': 'true'}, s.mark), ` ${s.word}`),
              h('span', {class: 'tag'}, item.area),
            ),
            h('h2', {class: 'check-title'}, item.title),
            h('p', {}, item.summary),
            (item.steps || []).length
              ? h(
                  'ol',
                  {class: 'steps'},
                  item.steps.map((st) => h('li', {}, st)),
                )
              : null,
            seesMessages() && (item.evidence || []).length
              ? h(
                  'details',
                  {},
                  h('summary', {}, `What this is based on (${item.evidence.length})`),
                  h(
                    'ul',
                    {class: 'evidence'},
                    item.evidence.map((e) =>
                      h(
                        'li',
                        {},
                        e.text,
                        (e.remove || []).length
                          ? h(
                              'ul',
                              {},
                              e.remove.map((r) => h('li', {}, `Remove ${r.what}: “${r.words}”`)),
                            )
                          : null,
                      ),
                    ),
                  ),
                )
              : null,
          );
        }),
      ),
    ],
    {keepFocus},
  );
}

// ---- search -------------------------------------------------------------------------------

async function searchView({keepFocus}) {
  const input = h('input', {
    id: 'q',
    type: 'search',
    name: 'q',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const results = h('div', {id: 'results', 'aria-live': 'polite'});
  const form = h(
    'form',
    {role: 'search', class: 'search-form'},
    h('label', {for: 'q'}, seesMessages() ? 'Search the findings and messages' : 'Search the findings'),
    h('div', {class: 'search-row'}, input, h('button', {type: 'submit', class: 'button primary'}, 'Search')),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    replaceChildren(results, h('p', {class: 'muted'}, 'Searching…'));
    try {
      // The words go to the server only, never into the page's address or history.
      const data = await api(`/search?q=${encodeURIComponent(q)}&limit=50`);
      const list = data.results || [];
      replaceChildren(
        results,
        list.length
          ? [
              h(
                'p',
                {class: 'muted small'},
                `${plural(list.length, 'result')}${data.truncated ? ' (the first ones only: add words to narrow it down)' : ''}`,
              ),
              h(
                'ol',
                {class: 'results'},
                list.map((r) =>
                  h(
                    'li',
                    {class: 'result'},
                    h(
                      'div',
                      {class: 'case-head'},
                      h('span', {class: 'tag'}, r.kind === 'message' ? 'Message' : 'Finding'),
                      r.severity ? severityBadge(r.severity) : null,
                      r.case
                        ? h('a', {href: `#${casePath(r.case)}`}, r.display || r.case)
                        : h('span', {}, r.display || ''),
                      r.category ? h('span', {class: 'small'}, humanize(r.category)) : null,
                      r.time ? h('span', {class: 'muted small'}, formatDateTime(r.time)) : null,
                    ),
                    h('blockquote', {class: 'excerpt'}, r.excerpt || ''),
                  ),
                ),
              ),
            ]
          : h('p', {}, 'Nothing found.'),
      );
    } catch (err) {
      if (err.status === 401) {
        signedOut('Your session has ended. Please sign in again.');
        return;
      }
      replaceChildren(results, errorNotice(err, 'search'));
    }
  });
  show(
    'Search',
    [
      h('h1', {}, 'Search'),
      h(
        'p',
        {class: 'lead'},
        seesMessages()
          ? 'Find a message or a finding by its words.'
          : 'Find a finding by its words. Guardians search the findings and their excerpts only.',
      ),
      form,
      results,
    ],
    {keepFocus},
  );
  if (!keepFocus) input.focus();
}

// ---- settings -----------------------------------------------------------------------------

async function settingsView({keepFocus, current}) {
  const sections = await Promise.all([alertRulesSection(), guardiansSection(), profileSection()]);
  if (!current()) return;
  show(
    'Settings',
    [
      h('h1', {}, 'Settings'),
      mayManage()
        ? null
        : notice(
            'info',
            'Settings are changed by the protected person or the ' +
              "household's admin. You can see the alert rules here.",
          ),
      sections,
    ],
    {keepFocus},
  );
}

const ALERT_LEVELS = ['watch', 'warning', 'danger'];

async function alertRulesSection() {
  let data;
  try {
    data = await api('/settings/alerts');
  } catch (err) {
    if (err.status === 401) throw err;
    return section('Alerts', errorNotice(err, 'alert settings'));
  }
  const rules = (data.rules || []).map((r) => ({...r}));
  const emailAvailable = Boolean(data.email_available);
  const list = h('div', {class: 'rules'});
  const status = h('p', {class: 'form-status', role: 'status'});
  const secrets = h('div', {class: 'secrets'});
  const editable = mayManage();
  let counter = 0;

  const draw = () => {
    replaceChildren(
      list,
      rules.length
        ? rules.map((rule, i) => {
            const n = ++counter;
            const field = (id, label, control) =>
              h('div', {class: 'field'}, h('label', {for: `${id}-${n}`}, label), control);
            const severity = h(
              'select',
              {
                id: `sev-${n}`,
                disabled: !editable,
                onchange: (e) => {
                  rule.min_severity = e.target.value;
                },
              },
              ALERT_LEVELS.map((l) =>
                h('option', {value: l, selected: rule.min_severity === l}, `${SEVERITIES[l].word} or worse`),
              ),
            );
            const webhook = h('input', {
              id: `hook-${n}`,
              type: 'url',
              value: rule.webhook_url || '',
              disabled: !editable,
              placeholder: 'https://…',
              oninput: (e) => {
                rule.webhook_url = e.target.value;
              },
            });
            const email = h('input', {
              id: `mail-${n}`,
              type: 'email',
              value: rule.email || '',
              disabled: !editable || !emailAvailable,
              oninput: (e) => {
                rule.email = e.target.value;
              },
            });
            const enabled = h('input', {
              id: `on-${n}`,
              type: 'checkbox',
              checked: rule.enabled !== false,
              disabled: !editable,
              onchange: (e) => {
                rule.enabled = e.target.checked;
              },
            });
            return h(
              'fieldset',
              {class: 'rule'},
              h('legend', {}, `Rule ${i + 1}`),
              field('sev', 'Alert when a case reaches', severity),
              field('hook', 'Webhook address', webhook),
              rule.webhook_secret_set
                ? h('p', {class: 'muted small'}, 'The webhook has a signing secret.')
                : null,
              field(
                'mail',
                emailAvailable ? 'E-mail address' : 'E-mail address (e-mail is not set up on this server)',
                email,
              ),
              h('div', {class: 'field check'}, enabled, h('label', {for: `on-${n}`}, 'On')),
              editable
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'button quiet small',
                      onclick: () => {
                        rules.splice(i, 1);
                        draw();
                      },
                    },
                    `Remove rule ${i + 1}`,
                  )
                : null,
            );
          })
        : h('p', {class: 'muted'}, 'No alert rules: nothing is sent anywhere when a case gets worse.'),
    );
  };
  draw();

  const save = async () => {
    status.textContent = 'Saving…';
    secrets.replaceChildren();
    try {
      // Empty fields go as null: "no webhook", "no e-mail".
      const body = rules.map((r) => ({
        id: r.id ?? null,
        min_severity: r.min_severity,
        webhook_url: (r.webhook_url || '').trim() || null,
        email: (r.email || '').trim() || null,
        enabled: r.enabled !== false,
      }));
      const reply = await api('/settings/alerts', {method: 'PUT', body: {rules: body}});
      status.textContent = 'Saved.';
      if (reply && Array.isArray(reply.rules)) {
        rules.splice(0, rules.length, ...reply.rules.map((r) => ({...r})));
        draw();
      }
      const fresh = Object.entries((reply && reply.new_secrets) || {});
      if (fresh.length) {
        const number = (id) => rules.findIndex((r) => String(r.id) === String(id)) + 1 || id;
        replaceChildren(
          secrets,
          notice(
            'info',
            h('p', {}, h('strong', {}, 'Copy the webhook signing secret now: it is shown only this once.')),
            h(
              'ul',
              {},
              fresh.map(([id, secret]) =>
                h('li', {}, `Rule ${number(id)}: `, h('code', {class: 'secret'}, secret)),
              ),
            ),
          ),
        );
      }
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
    }
  };

  return section(
    'Alerts',
    h(
      'p',
      {},
      'Where an alert goes when a case becomes more serious: a webhook (for example a phone ' +
        'notification service) or an e-mail. Alerts name the case and its severity, never message text.',
    ),
    list,
    editable
      ? h(
          'div',
          {class: 'button-row'},
          h(
            'button',
            {
              type: 'button',
              class: 'button',
              onclick: () => {
                rules.push({min_severity: 'warning', webhook_url: '', email: '', enabled: true});
                draw();
              },
            },
            'Add a rule',
          ),
          h('button', {type: 'button', class: 'button primary', onclick: save}, 'Save alert rules'),
        )
      : null,
    status,
    secrets,
  );
}

async function guardiansSection() {
  if (!mayManage()) return null;
  let data;
  try {
    data = await api('/settings/guardians');
  } catch (err) {
    if (err.status === 401) throw err;
    return section('Guardians', errorNotice(err, 'the list of guardians'));
  }
  const users = data.users || [];
  const status = h('p', {class: 'form-status', role: 'status'});
  const login = h('input', {id: 'g-login', autocomplete: 'off', autocapitalize: 'none', required: true});
  const password = h('input', {
    id: 'g-password',
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: 12,
    'aria-describedby': 'g-password-hint',
  });
  const form = h(
    'form',
    {class: 'inline-form'},
    h('div', {class: 'field'}, h('label', {for: 'g-login'}, 'Login'), login),
    h(
      'div',
      {class: 'field'},
      h('label', {for: 'g-password'}, 'Password'),
      password,
      h('p', {class: 'muted small', id: 'g-password-hint'}, 'A long passphrase; give it to them in person.'),
    ),
    h('button', {type: 'submit', class: 'button primary'}, 'Add guardian'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    status.textContent = 'Adding…';
    try {
      await api('/settings/guardians', {
        method: 'POST',
        body: {login: login.value, password: password.value},
      });
      password.value = '';
      route({keepFocus: true});
      announce(`Guardian ${login.value} added.`);
    } catch (err) {
      status.textContent = `Not added: ${err.message}`;
    }
  });
  return section(
    'Guardians',
    h(
      'p',
      {},
      'People who help keep you safe. They see the cases, findings and flagged excerpts, ' +
        'never your whole messages, and cannot download the report.',
    ),
    users.length
      ? h(
          'ul',
          {class: 'users'},
          users.map((u) =>
            h(
              'li',
              {},
              h(
                'span',
                {},
                u.login,
                ' ',
                h(
                  'span',
                  {class: 'role-tag'},
                  {protected: 'protected person', guardian: 'guardian', admin: 'admin'}[u.role] || u.role,
                ),
                u.login === state.me.login ? ' (you)' : '',
              ),
              u.role === 'guardian'
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'button quiet small',
                      onclick: async () => {
                        if (
                          !window.confirm(
                            `Remove ${u.login} as a guardian? They will no longer see your cases.`,
                          )
                        )
                          return;
                        try {
                          await api(`/settings/guardians/${encodeURIComponent(u.login)}`, {method: 'DELETE'});
                          route({keepFocus: true});
                          announce(`${u.login} removed.`);
                        } catch (err) {
                          status.textContent = `Not removed: ${err.message}`;
                        }
                      },
                    },
                    `Remove ${u.login}`,
                  )
                : null,
            ),
          ),
        )
      : h('p', {class: 'muted'}, 'No guardians yet.'),
    h('h3', {}, 'Add a guardian'),
    form,
    status,
  );
}

async function profileSection() {
  if (!mayManage()) return null;
  let text;
  try {
    text = await api('/profile');
  } catch (err) {
    if (err.status === 401) throw err;
    return section('Profile', errorNotice(err, 'the profile'));
  }
  const area = h('textarea', {
    id: 'profile',
    rows: 14,
    spellcheck: 'false',
    'aria-describedby': 'profile-hint',
  });
  area.value = typeof text === 'string' ? text : '';
  area.setAttribute('wrap', 'off');
  const status = h('p', {class: 'form-status', role: 'status'});
  return section(
    'Profile',
    h(
      'p',
      {id: 'profile-hint'},
      'Who you are in the messages (your numbers, accounts, addresses, ' +
        'places), trusted and blocked contacts. Saving rebuilds every contact and case. The format is ' +
        'described in docs/formats/profile.md.',
    ),
    h('div', {class: 'field'}, h('label', {for: 'profile'}, 'Profile (TOML)'), area),
    h(
      'div',
      {class: 'button-row'},
      h(
        'button',
        {
          type: 'button',
          class: 'button primary',
          onclick: async () => {
            status.textContent = 'Saving…';
            try {
              await api('/profile', {method: 'PUT', body: area.value, type: 'application/toml'});
              status.textContent = 'Saved. Contacts and cases were rebuilt.';
              state.cases = null;
            } catch (err) {
              status.textContent = `Not saved: ${err.message}`;
            }
          },
        },
        'Save profile',
      ),
    ),
    status,
  );
}

// ---- start --------------------------------------------------------------------------------

let pollTimer = 0;

async function poll() {
  if (!state.me || document.visibilityState !== 'visible') return;
  try {
    const changed = await loadCases();
    if (state.onCasesChanged) state.onCasesChanged(changed);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401)
      signedOut('Your session has ended. Please sign in again.');
  }
}

function startPolling() {
  clearInterval(pollTimer);
  pollTimer = setInterval(poll, POLL_MS);
}

window.addEventListener('hashchange', () => route());
window.addEventListener('focus', poll);
document.addEventListener('visibilitychange', poll);

async function start() {
  try {
    state.me = await api('/me');
  } catch (err) {
    state.me = null;
    renderFrame();
    loginView(err.status === 401 ? null : err.message);
    return;
  }
  renderFrame();
  await route();
  startPolling();
}

start();
