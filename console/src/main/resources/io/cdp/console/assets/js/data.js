// For data engineers (admin keys): the sources with their events per minute over the last
// 15 minutes and what was refused or quarantined, by reason, from the ingest-service's
// admin API; the dead-letter list itself, newest first.
import { api, query } from './api.js';
import { display, el, replace, routeLink, table, valueCell, when } from './dom.js';
import { can } from './session.js';

/** Dead letters read for the counts: the newest, at most this many. */
const SAMPLE = 500;

/** The minutes the events per minute are averaged over. */
const TRAFFIC_MINUTES = 15;

export async function dataScreen(main, signal) {
  document.title = 'Data sources · CDP console';
  replace(main, el('h1', {}, 'Data sources'), el('p', { role: 'status', class: 'muted' }, 'Loading…'));
  if (!can('admin')) {
    replace(main, el('h1', {}, 'Data sources'), el('p', {}, 'This needs a key with the admin scope.'));
    return;
  }
  const [sources, letters, traffic] = await Promise.all([
    api('/v1/admin/sources').catch((error) => ({ error })),
    api('/v1/admin/dead-letters' + query({ limit: SAMPLE })).catch((error) => ({ error })),
    api('/v1/admin/sources/traffic' + query({ minutes: TRAFFIC_MINUTES })).catch((error) => ({ error })),
  ]);
  const rates = new Map(((traffic && traffic.sources) || []).map((entry) => [entry.sourceId, entry]));
  const rate = (sourceId, field) => (traffic && traffic.error) ? '?'
    : String(rates.has(sourceId) ? rates.get(sourceId)[field] : 0);
  if (signal.aborted) {
    return;
  }
  const items = (letters && letters.items) || [];
  const bySource = new Map();
  const byReason = new Map();
  for (const letter of items) {
    bySource.set(letter.sourceId, (bySource.get(letter.sourceId) || 0) + 1);
    const reason = letter.kind + ' · ' + letter.stage + ' · ' + letter.reason;
    byReason.set(reason, (byReason.get(reason) || 0) + 1);
  }
  const sourcesCard = el('section', { class: 'card', 'aria-labelledby': 'sources-title' },
    el('h2', { id: 'sources-title' }, 'Sources'));
  if (sources.error) {
    sourcesCard.append(el('p', { class: 'error' }, 'Could not load: ' + sources.error.message));
  }
  else {
    sourcesCard.append(table('Sources', ['Name', 'Id', 'Channel', 'Kind', 'Enabled', 'Created',
      'Events/min (' + TRAFFIC_MINUTES + ' min)', 'Rejected/min', 'Dead letters'],
      sources.map((source) => el('tr', {},
        valueCell(source.name), valueCell(source.id, 'mono'), valueCell(source.channel),
        valueCell(source.provider ? source.kind + ' (' + source.provider + ')' : source.kind),
        valueCell(source.enabled ? 'yes' : 'no'), el('td', {}, when(source.createdAt)),
        el('td', { class: 'events-per-minute' }, rate(source.id, 'eventsPerMinute')),
        el('td', {}, rate(source.id, 'rejectedPerMinute')),
        el('td', {}, bySource.get(source.id)
          ? routeLink(['data', 'dead-letters', source.id], {}, String(bySource.get(source.id))) : '0'))),
      { hideCaption: true }));
  }
  const reasonsCard = el('section', { class: 'card', 'aria-labelledby': 'reasons-title' },
    el('h2', { id: 'reasons-title' }, 'Rejects and dead letters by reason'));
  if (letters.error) {
    reasonsCard.append(el('p', { class: 'error' }, 'Could not load: ' + letters.error.message));
  }
  else {
    reasonsCard.append(
      el('p', { class: 'muted' }, 'The newest ' + items.length + ' dead letters' + (letters.nextCursor ? ' (more exist).' : '.')),
      table('Dead letters by kind, stage and reason', ['Kind · stage · reason', 'Count'],
        [...byReason.entries()].sort((a, b) => b[1] - a[1]).map(([reason, count]) =>
          el('tr', {}, valueCell(reason), el('td', {}, String(count)))), { hideCaption: true }),
      el('p', {}, routeLink(['data', 'dead-letters'], { id: 'dead-letter-link' }, 'Open the dead-letter list')));
  }
  replace(main, el('h1', {}, 'Data sources'), el('div', { class: 'grid' }, sourcesCard, reasonsCard));
}

export async function deadLettersScreen(main, signal, sourceId) {
  document.title = 'Dead letters · CDP console';
  replace(main, el('h1', {}, 'Dead letters'), el('p', { role: 'status', class: 'muted' }, 'Loading…'));
  let page;
  try {
    page = await api('/v1/admin/dead-letters' + query({ limit: 100, source: sourceId }));
  }
  catch (error) {
    replace(main, el('h1', {}, 'Dead letters'), el('p', { class: 'error' }, 'Could not load: ' + error.message));
    return;
  }
  if (signal.aborted) {
    return;
  }
  const rows = (page.items || []).map((letter) => el('tr', {},
    el('td', {}, when(letter.storedAt)), valueCell(letter.kind), valueCell(letter.stage), valueCell(letter.reason),
    valueCell(letter.field), valueCell(letter.error), valueCell(letter.sourceId, 'mono'),
    valueCell(letter.payload, 'mono')));
  replace(main, el('h1', {}, 'Dead letters'),
    el('p', {}, routeLink(['data'], {}, 'Back to the sources'),
      sourceId ? el('span', { class: 'muted' }, ' · source ', display(sourceId)) : null),
    el('section', { class: 'card', 'aria-label': 'Dead letters, newest first' },
      rows.length ? table('Dead letters, newest first', ['Stored', 'Kind', 'Stage', 'Reason', 'Field', 'Error', 'Source',
        'Payload'], rows, { hideCaption: true }) : el('p', { class: 'muted' }, 'None.')));
}
