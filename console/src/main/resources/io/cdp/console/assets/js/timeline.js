// The timeline: GET /v1/profiles/{id}/events a page at a time (keyset: nextCursor), newest
// first, grouped by day; the next page loads when the end of the list scrolls into view
// (or from the button, for keyboards). Each event opens to its properties. Email and
// support events are told apart by colour and by their channel's name.
import { api, profilePath, query } from './api.js';
import { display, el, replace, valueCell } from './dom.js';

const PAGE_SIZE = 25;

const CHANNELS = ['web', 'mobile', 'email', 'support', 'server'];

const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];

export function timeline(section, profileId, signal) {
  const channel = select('filter-channel', 'Channel', CHANNELS);
  const type = select('filter-type', 'Type', TYPES);
  const list = el('div', { id: 'days' });
  const status = el('p', { id: 'timeline-status', class: 'muted', role: 'status', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', class: 'secondary', id: 'load-more', hidden: true }, 'Load older events');
  const sentinel = el('div', { class: 'sentinel', id: 'timeline-end', 'aria-hidden': 'true' });
  replace(section,
    el('h2', { id: 'timeline-title' }, 'Timeline'),
    el('div', { class: 'filters' }, channel.field, type.field),
    list, status, more, sentinel);

  let cursor = null;
  let done = false;
  let loading = false;
  let run = 0;
  let lastDay = null;
  let dayList = null;

  async function loadPage() {
    if (loading || done || signal.aborted) {
      return;
    }
    loading = true;
    const mine = run;
    status.textContent = 'Loading events…';
    try {
      const page = await api(profilePath(profileId, '/events') + query({ limit: PAGE_SIZE, cursor,
        channel: channel.input.value, type: type.input.value }));
      if (mine !== run || signal.aborted) {
        return;
      }
      for (const event of page.events || []) {
        addEvent(event);
      }
      cursor = page.nextCursor || null;
      done = cursor === null;
      more.hidden = done;
      const shown = list.querySelectorAll('.event').length;
      status.textContent = shown === 0 ? 'No events.' : shown + (done ? ' events, all shown.' : ' events shown.');
    }
    catch (error) {
      if (mine === run) {
        if (error.status === 403) {
          section.hidden = true;
        }
        status.textContent = 'Could not load the events: ' + error.message;
        done = true;
      }
    }
    finally {
      if (mine === run) {
        loading = false;
      }
    }
    // A short first page may leave the end in view: keep going until it is not.
    if (!done && mine === run && inView()) {
      loadPage();
    }
  }

  function inView() {
    const box = sentinel.getBoundingClientRect();
    return box.top < window.innerHeight + 200;
  }

  function addEvent(event) {
    const day = (event.occurredAt || '').slice(0, 10);
    if (day !== lastDay) {
      lastDay = day;
      const heading = new Date(day + 'T00:00:00Z').toLocaleDateString('en-GB',
        { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      dayList = el('ol', { class: 'events' });
      list.append(el('section', { class: 'day', 'data-day': day, 'aria-label': heading },
        el('h3', {}, heading), dayList));
    }
    dayList.append(eventItem(event));
  }

  function restart() {
    run++;
    cursor = null;
    done = false;
    loading = false;
    lastDay = null;
    dayList = null;
    replace(list);
    loadPage();
  }

  channel.input.addEventListener('change', restart);
  type.input.addEventListener('change', restart);
  more.addEventListener('click', loadPage);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      loadPage();
    }
  }, { rootMargin: '200px' });
  observer.observe(sentinel);
  signal.addEventListener('abort', () => observer.disconnect());
  loadPage();
}

function select(id, label, options) {
  const input = el('select', { id, name: id },
    el('option', { value: '' }, 'All'), options.map((option) => el('option', { value: option }, option)));
  return { input, field: el('div', {}, el('label', { for: id }, label), input) };
}

function eventItem(event) {
  const canonical = event.event || {};
  const channel = CHANNELS.includes(event.channel) ? event.channel : 'other';
  const time = new Date(event.occurredAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const title = event.name || event.type;
  const details = el('details', {},
    el('summary', {},
      el('span', { class: 'time' }, el('time', { datetime: event.occurredAt, title: event.occurredAt }, time)),
      el('span', { class: 'badge' }, channel),
      el('span', { class: 'badge' }, display(event.type)),
      el('span', { class: 'name', title: display(title) }, display(title))),
    properties(canonical, event));
  return el('li', { class: 'event channel-' + channel, 'data-message-id': event.messageId }, details);
}

function properties(canonical, event) {
  const rows = [];
  const add = (group, values) => {
    for (const [key, value] of Object.entries(values || {})) {
      rows.push(el('tr', {}, el('th', { scope: 'row', class: 'value', title: group + '.' + key }, group + '.' + key),
        valueCell(value, 'property-value')));
    }
  };
  add('properties', canonical.properties);
  add('traits', canonical.traits);
  rows.push(el('tr', {}, el('th', { scope: 'row' }, 'source'), valueCell(event.sourceId)));
  rows.push(el('tr', {}, el('th', { scope: 'row' }, 'messageId'), valueCell(event.messageId, 'mono')));
  return el('div', { class: 'props' }, el('table', {},
    el('caption', { class: 'visually-hidden' }, 'Properties of the event'),
    el('tbody', {}, rows)));
}
