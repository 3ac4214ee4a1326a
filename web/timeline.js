// The case timeline: contacts per day as an inline SVG bar chart (from them above the line, from
// the person below it, flagged days marked in their worst severity's colour), drawn at the
// width it is shown at so that its text stays readable on a phone, with the same numbers as a
// table for screen readers and anyone who prefers one.

import {h, svg, SEVERITIES, severityOf, formatDate, plural} from './dom.js';

const DAY_MS = 86400000;
const MAX_FILLED_DAYS = 400;

function dayKey(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

// The day a time falls on where it was written: "2024-03-01T23:30:00+01:00" -> "2024-03-01". The
// server writes times in the zone it was asked for (?tz=), the same zone its day counts use.
function writtenDay(time) {
  const m = /^(\d{4}-\d{2}-\d{2})T/.exec(String(time || ''));
  if (m) return m[1];
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : dayKey(ms);
}

function dayMs(key) {
  return Date.parse(`${key}T00:00:00Z`);
}

const shortDay = new Intl.DateTimeFormat(undefined, {day: 'numeric', month: 'short', timeZone: 'UTC'});
const longDay = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

// The days of `data` in order, gaps filled with empty days (unless the span is very long), each
// with the worst severity flagged on it.
export function timelineDays(data) {
  const byDay = new Map();
  for (const d of data.days || []) {
    if (!d || typeof d.day !== 'string') continue;
    byDay.set(d.day, {
      day: d.day,
      incoming: Number(d.incoming) || 0,
      outgoing: Number(d.outgoing) || 0,
      flagged: Number(d.flagged) || 0,
      worst: null,
    });
  }
  for (const f of data.findings || []) {
    const key = writtenDay(f.time);
    if (!key) continue;
    let day = byDay.get(key);
    if (!day) {
      day = {day: key, incoming: 0, outgoing: 0, flagged: 0, worst: null};
      byDay.set(key, day);
    }
    const sev = severityOf(f.severity);
    if (!day.worst || SEVERITIES[sev].rank > SEVERITIES[day.worst].rank) day.worst = sev;
  }
  const keys = [...byDay.keys()].sort();
  if (keys.length === 0) return [];
  const first = dayMs(keys[0]);
  const last = dayMs(keys[keys.length - 1]);
  let out = [];
  if ((last - first) / DAY_MS + 1 > MAX_FILLED_DAYS) {
    out = keys.map((k) => byDay.get(k));
  } else {
    for (let t = first; t <= last; t += DAY_MS) {
      const key = dayKey(t);
      out.push(byDay.get(key) || {day: key, incoming: 0, outgoing: 0, flagged: 0, worst: null});
    }
  }
  for (const d of out) {
    if (d.flagged > 0 && !d.worst) d.worst = 'warning';
    if (d.worst && d.flagged === 0) d.flagged = 1;
  }
  return out;
}

function summary(days, who) {
  const total = (k) => days.reduce((n, d) => n + d[k], 0);
  const busiest = days.reduce((a, d) => (d.incoming > a.incoming ? d : a), days[0]);
  const flaggedDays = days.filter((d) => d.flagged > 0).length;
  let text =
    `Contacts per day with ${who}, ${longDay.format(dayMs(days[0].day))} to ` +
    `${longDay.format(dayMs(days[days.length - 1].day))}: ${total('incoming')} from them, ` +
    `${plural(total('outgoing'), 'reply', 'replies')}, ${plural(total('flagged'), 'flagged incident')} on ` +
    `${plural(flaggedDays, 'day')}.`;
  if (busiest.incoming > 0) {
    text += ` Most in one day: ${busiest.incoming}, on ${longDay.format(dayMs(busiest.day))}.`;
  }
  return text;
}

function chart(days, width, titleId, descId, who, text) {
  const left = 34;
  const right = 10;
  const top = 22;
  const upHeight = width < 480 ? 120 : 150;
  const plotWidth = Math.max(40, width - left - right);
  const maxIn = Math.max(1, ...days.map((d) => d.incoming));
  const maxOut = Math.max(0, ...days.map((d) => d.outgoing));
  const scale = upHeight / Math.max(maxIn, maxOut, 1);
  const downHeight = Math.max(maxOut * scale, 12);
  const baseline = top + upHeight;
  const height = baseline + downHeight + 30;
  const step = plotWidth / days.length;
  const barWidth = Math.max(1, Math.min(28, step * 0.7));

  const bars = [];
  const markers = [];
  days.forEach((d, i) => {
    const x = left + i * step + (step - barWidth) / 2;
    const label =
      `${longDay.format(dayMs(d.day))}: ${d.incoming} from them, ` +
      `${plural(d.outgoing, 'reply', 'replies')}${d.flagged ? `, ${d.flagged} flagged` : ''}`;
    const group = svg('g', {class: 'tl-day'}, svg('title', {}, label));
    if (d.incoming > 0) {
      group.appendChild(
        svg('rect', {
          class: 'tl-in',
          x: x.toFixed(1),
          y: (baseline - d.incoming * scale).toFixed(1),
          width: barWidth.toFixed(1),
          height: (d.incoming * scale).toFixed(1),
          rx: Math.min(2, barWidth / 3),
        }),
      );
    }
    if (d.outgoing > 0) {
      group.appendChild(
        svg('rect', {
          class: 'tl-out',
          x: x.toFixed(1),
          y: baseline + 1,
          width: barWidth.toFixed(1),
          height: (d.outgoing * scale).toFixed(1),
          rx: Math.min(2, barWidth / 3),
        }),
      );
    }
    // An invisible full-height target so the tooltip shows over empty days too.
    group.appendChild(
      svg('rect', {
        class: 'tl-hit',
        x: (left + i * step).toFixed(1),
        y: 0,
        width: step.toFixed(1),
        height: baseline + downHeight,
      }),
    );
    bars.push(group);
    if (d.flagged > 0) {
      const cx = x + barWidth / 2;
      const cy = Math.max(8, baseline - d.incoming * scale - 8);
      const r = Math.max(3, Math.min(6, step / 2));
      const sev = d.worst || 'warning';
      markers.push(
        svg(
          'g',
          {class: `tl-flag sev-${sev}`},
          svg('title', {}, `${label}; worst: ${SEVERITIES[sev].word}`),
          sev === 'danger'
            ? svg('path', {
                d: `M${cx.toFixed(1)} ${(cy - r - 1).toFixed(1)} l${r + 1} ${2 * r + 1} h${-2 * r - 2} z`,
              })
            : svg('circle', {cx: cx.toFixed(1), cy: cy.toFixed(1), r}),
        ),
      );
    }
  });

  // Date ticks: about one per 90 px, on whole days.
  const ticks = [];
  const every = Math.max(1, Math.ceil(days.length / Math.max(1, Math.floor(plotWidth / 90))));
  for (let i = 0; i < days.length; i += every) {
    const cx = left + i * step + step / 2;
    ticks.push(
      svg('line', {
        class: 'tl-tick',
        x1: cx,
        x2: cx,
        y1: baseline + downHeight,
        y2: baseline + downHeight + 4,
      }),
    );
    ticks.push(
      svg(
        'text',
        {
          class: 'tl-label',
          x: cx,
          y: baseline + downHeight + 18,
          'text-anchor': i === 0 ? 'start' : 'middle',
        },
        shortDay.format(dayMs(days[i].day)),
      ),
    );
  }

  return svg(
    'svg',
    {
      class: 'tl-chart',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      focusable: 'false',
    },
    svg('title', {id: titleId}, `Timeline of contacts with ${who}`),
    svg('desc', {id: descId}, text),
    svg('line', {class: 'tl-grid', x1: left, x2: width - right, y1: top, y2: top}),
    svg(
      'text',
      {class: 'tl-label', x: left - 6, y: top + 4, 'text-anchor': 'end'},
      String(Math.round(upHeight / scale)),
    ),
    svg('text', {class: 'tl-label', x: left - 6, y: baseline + 4, 'text-anchor': 'end'}, '0'),
    bars,
    svg('line', {class: 'tl-axis', x1: left, x2: width - right, y1: baseline, y2: baseline}),
    markers,
    ticks,
  );
}

function table(days) {
  const rows = days.filter((d) => d.incoming || d.outgoing || d.flagged);
  return h(
    'table',
    {class: 'data-table'},
    h('caption', {}, 'Contacts per day (days without any left out)'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {scope: 'col'}, 'Day'),
        h('th', {scope: 'col'}, 'From them'),
        h('th', {scope: 'col'}, 'Replies'),
        h('th', {scope: 'col'}, 'Flagged'),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((d) =>
        h(
          'tr',
          {},
          h('th', {scope: 'row'}, formatDate(`${d.day}T12:00:00Z`)),
          h('td', {}, String(d.incoming)),
          h('td', {}, String(d.outgoing)),
          h('td', {}, d.flagged ? `${d.flagged} (${SEVERITIES[d.worst || 'warning'].word})` : '0'),
        ),
      ),
    ),
  );
}

let chartCounter = 0;

// A <figure> with the chart, its legend and the table; redraws itself at its new width when the
// window is resized. `who` names the contact in the text alternative.
export function timelineFigure(data, who) {
  const days = timelineDays(data);
  if (days.length === 0) {
    return h('p', {class: 'muted'}, 'No messages or calls to chart yet.');
  }
  const id = ++chartCounter;
  const text = summary(days, who);
  const holder = h('div', {class: 'tl-holder'});
  const figure = h(
    'figure',
    {class: 'timeline'},
    holder,
    h(
      'figcaption',
      {},
      h(
        'ul',
        {class: 'legend'},
        h('li', {}, h('span', {class: 'swatch tl-in', 'aria-hidden': 'true'}), 'From them (above the line)'),
        h('li', {}, h('span', {class: 'swatch tl-out', 'aria-hidden': 'true'}), 'Replies (below the line)'),
        h(
          'li',
          {},
          h('span', {class: 'swatch-mark sev-danger', 'aria-hidden': 'true'}, '▲'),
          h('span', {class: 'swatch-mark sev-warning', 'aria-hidden': 'true'}, '●'),
          'Flagged day, coloured by its worst severity',
        ),
      ),
      h('p', {class: 'muted small'}, text),
    ),
    h('details', {class: 'tl-table'}, h('summary', {}, 'Show the timeline as a table'), table(days)),
  );
  let drawnWidth = 0;
  const draw = () => {
    const width = Math.round(holder.clientWidth || 600);
    if (width === drawnWidth || !figure.isConnected) return;
    drawnWidth = width;
    holder.replaceChildren(chart(days, width, `tl-title-${id}`, `tl-desc-${id}`, who, text));
  };
  let pending = 0;
  const onResize = () => {
    if (!figure.isConnected) {
      window.removeEventListener('resize', onResize);
      return;
    }
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(draw);
  };
  window.addEventListener('resize', onResize);
  // Drawn once the figure is in the page and has a width.
  requestAnimationFrame(draw);
  figure.redraw = draw;
  return figure;
}

// The timeline built in the browser from a case's whole messages and findings, for a server
// without GET /cases/{id}/timeline (the protected person's view only: it needs the messages).
export function timelineFromEvents(events, findings) {
  const days = new Map();
  const times = new Map();
  for (const e of events) {
    const key = writtenDay(e.time);
    if (!key) continue;
    const day = days.get(key) || {day: key, incoming: 0, outgoing: 0, flagged: 0};
    if (e.direction === 'outgoing') day.outgoing += 1;
    else day.incoming += 1;
    days.set(key, day);
    if (e.event_id) times.set(e.event_id, e.time);
  }
  // A day's flagged count is of events, as a case's incidents are, not of findings.
  const flagged = [];
  const counted = new Set();
  for (const f of findings || []) {
    const time = times.get(f.event);
    if (!time) continue;
    flagged.push({time, severity: f.severity, category: f.category, event: f.event});
    if (counted.has(f.event)) continue;
    counted.add(f.event);
    days.get(writtenDay(time)).flagged += 1;
  }
  return {days: [...days.values()], findings: flagged};
}
