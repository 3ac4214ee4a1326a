// Small DOM helpers. Every piece of data goes in as text (textContent, attributes), never as
// markup, so a message cannot inject anything into the page.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(parent, child) {
  if (child === null || child === undefined || child === false) return;
  if (Array.isArray(child)) {
    for (const c of child) append(parent, c);
  } else if (child instanceof Node) {
    parent.appendChild(child);
  } else {
    parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'value' && 'value' in el && !(el instanceof SVGElement)) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

// h('p', {class: 'note'}, 'text', child, [more]) -> an HTML element.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

// The same for SVG elements.
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

// Severity: a word and a shape as well as a colour, so it never rests on colour alone.
export const SEVERITIES = {
  danger: {word: 'Danger', rank: 3, mark: '▲', hint: 'could put your safety at risk: act on the steps'},
  warning: {word: 'Warning', rank: 2, mark: '◆', hint: 'a pattern of harassment'},
  watch: {word: 'Watch', rank: 1, mark: '●', hint: 'worth keeping an eye on'},
  info: {word: 'Info', rank: 0, mark: '○', hint: 'nothing worrying on its own'},
};

export function severityOf(name) {
  return SEVERITIES[name] ? name : 'info';
}

export function severityBadge(name, extra) {
  const key = severityOf(name);
  const s = SEVERITIES[key];
  return h(
    'span',
    {class: `badge sev-${key}`, title: `${s.word}: ${s.hint}`},
    h('span', {class: 'badge-mark', 'aria-hidden': 'true'}, s.mark),
    ` ${s.word}`,
    extra || null,
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', year: 'numeric'});
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateFormat.format(d);
}

export function formatDateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : dateTimeFormat.format(d);
}

// "3 days ago", "in the last hour": for the latest contact of a case.
export function formatAgo(iso) {
  if (!iso) return '';
  const ms = Date.now() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  const hours = ms / 3.6e6;
  if (hours < 1) return 'in the last hour';
  if (hours < 24) return `${Math.floor(hours)} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 60) return `${days} day${days === 1 ? '' : 's'} ago`;
  if (days < 730) return `${Math.floor(days / 30)} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}

export function plural(n, one, many) {
  return `${n} ${n === 1 ? one : many || `${one}s`}`;
}

// "threat" -> "Threat", "links.lookalike_domain" -> "Lookalike domain".
export function humanize(name) {
  const last = String(name || '')
    .split('.')
    .pop()
    .replace(/[_-]+/g, ' ')
    .trim();
  return last ? last[0].toUpperCase() + last.slice(1) : '';
}
