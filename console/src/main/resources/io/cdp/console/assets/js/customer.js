// The customer's page: who they are (traits with source and age), every identifier, consent,
// the journey and customer-experience values, audiences, the merge log, who looked at them
// (admin keys) and the timeline (keys with events:read). Each part is one public API call;
// a part whose call is refused (403) is left out.
import { api, profilePath, query } from './api.js';
import { age, display, el, replace, table, valueCell, when } from './dom.js';
import { can } from './session.js';
import { displayName } from './people.js';
import { timeline } from './timeline.js';

/** Traits shown first, when present; the rest follow by name. */
const KEY_TRAITS = ['name', 'firstName', 'lastName', 'email', 'phone', 'plan', 'company', 'city', 'country'];

export async function customerScreen(main, profileId, signal) {
  document.title = 'Customer · CDP console';
  const status = el('p', { role: 'status', class: 'muted' }, 'Loading the customer…');
  replace(main, status);
  let profile;
  try {
    profile = await api(profilePath(profileId));
  }
  catch (error) {
    status.className = 'error';
    status.textContent = error.status === 404 ? 'No customer has this profile id.'
      : error.status === 403 ? 'This key cannot read profiles.' : 'The customer could not be loaded: ' + error.message;
    return;
  }
  if (signal.aborted) {
    return;
  }
  const name = displayName(profile);
  document.title = name + ' · CDP console';
  const merges = el('section', { class: 'card', 'aria-labelledby': 'merges-title' });
  const audit = el('section', { class: 'card', 'aria-labelledby': 'audit-title', hidden: true });
  const history = el('section', { class: 'card', id: 'timeline', 'aria-labelledby': 'timeline-title', hidden: true });
  replace(main,
    el('h1', { id: 'customer-name', class: 'value', title: name }, name),
    el('p', { class: 'muted mono' }, 'Profile ', profile.profileId,
      profile.profileId !== profileId ? ' (asked for ' + profileId + ', merged into it)' : ''),
    el('div', { class: 'grid' },
      traitsCard(profile),
      experienceCard(profile),
      identifiersCard(profile),
      consentCard(profile),
      audiencesCard(profile),
      merges,
      audit),
    history);
  loadMerges(merges, profile.profileId, signal);
  if (can('admin')) {
    loadAudit(audit, profile.profileId, signal);
  }
  if (can('events:read')) {
    history.hidden = false;
    timeline(history, profile.profileId, signal);
  }
}

function card(id, title, ...content) {
  return el('section', { class: 'card', 'aria-labelledby': id }, el('h2', { id }, title), ...content);
}

function wideCard(id, title, ...content) {
  const section = card(id, title, ...content);
  section.classList.add('wide');
  return section;
}

function traitsCard(profile) {
  const traits = profile.traits || {};
  const names = Object.keys(traits).sort((a, b) => {
    const rank = (key) => (KEY_TRAITS.includes(key) ? KEY_TRAITS.indexOf(key) : KEY_TRAITS.length);
    return rank(a) - rank(b) || a.localeCompare(b);
  });
  const rows = names.map((key) => el('tr', { 'data-trait': key },
    el('th', { scope: 'row', class: 'value', title: key }, key),
    valueCell(traits[key].value, 'trait-value'),
    valueCell(traits[key].sourceId),
    el('td', {}, age(traits[key].occurredAt))));
  return wideCard('traits-title', 'Traits',
    rows.length ? table('Traits with their source and age', ['Trait', 'Value', 'Source', 'Set'], rows,
      { hideCaption: true, className: 'traits' }) : el('p', { class: 'muted' }, 'No traits.'));
}

function identifiersCard(profile) {
  const rows = (profile.identifiers || []).map((identifier) => el('tr', {},
    valueCell(identifier.type),
    valueCell(identifier.value, 'mono identifier-value'),
    el('td', {}, when(identifier.firstSeen)),
    el('td', {}, when(identifier.lastSeen)),
    valueCell((identifier.sources || []).join(', '))));
  return wideCard('identifiers-title', 'Identifiers',
    table('Identifiers with first and last seen', ['Type', 'Value', 'First seen', 'Last seen', 'Sources'], rows,
      { hideCaption: true, className: 'identifiers' }));
}

function consentCard(profile) {
  const consent = profile.consent || {};
  const rows = Object.entries(consent).map(([purpose, answer]) => el('tr', {},
    valueCell(purpose),
    el('td', {}, el('span', { class: 'badge ' + (answer.granted ? 'granted' : 'denied') },
      answer.granted ? 'granted' : 'denied'), answer.conflict ? ' (conflicting answers)' : ''),
    valueCell(answer.source),
    el('td', {}, age(answer.occurredAt))));
  return card('consent-title', 'Consent',
    rows.length ? table('Consent by purpose', ['Purpose', 'Answer', 'Source', 'When'], rows, { hideCaption: true })
      : el('p', { class: 'muted' }, 'No consent answers recorded: no purpose is granted.'));
}

function experienceCard(profile) {
  const cx = (profile.computed && profile.computed.cx) || null;
  const computed = profile.computed || {};
  const facts = [];
  const fact = (term, value) => {
    if (value !== undefined && value !== null && value !== '') {
      facts.push(el('dt', {}, term), el('dd', { title: display(value) }, value instanceof Node ? value : display(value)));
    }
  };
  fact('Events', computed.eventCount);
  fact('Last seen', computed.lastSeen ? age(computed.lastSeen) : null);
  let stages = null;
  if (cx) {
    const journey = cx.journey || {};
    const value = cx.value || {};
    const engagement = cx.engagement || {};
    const satisfaction = cx.satisfaction || {};
    fact('Journey stage', journey.stage);
    fact('Status', journey.status ? journey.status + (journey.reason && journey.reason !== 'none' ? ' (' + journey.reason + ')' : '') : null);
    fact('Orders', value.orders);
    for (const [currency, money] of Object.entries(value.currencies || {})) {
      fact('Lifetime value ' + currency, money.lifetimeValue);
    }
    fact('NPS', satisfaction.npsScore !== undefined && satisfaction.npsScore !== null
      ? satisfaction.npsScore + ' (' + (satisfaction.npsClass || '') + ')' : null);
    fact('CSAT average', satisfaction.csatAverage);
    fact('Open tickets', satisfaction.openTickets);
    fact('Last ticket', satisfaction.lastTicketSubject);
    fact('Preferred channel', engagement.preferredChannel);
    fact('Best time to reach', engagement.bestDay !== undefined && engagement.bestDay !== null
      ? engagement.bestDay + ' ' + engagement.bestHour + ':00 (' + (engagement.timeZone || 'UTC') + ')' : null);
    fact('Unsubscribed', engagement.unsubscribed);
    if (Array.isArray(journey.history) && journey.history.length) {
      stages = el('ol', { class: 'stage-list', 'aria-label': 'Journey history' },
        journey.history.map((step) => el('li', {}, display(step.stage), ' — ', when(step.enteredAt))));
    }
  }
  return card('experience-title', 'Journey and experience',
    facts.length ? el('dl', { class: 'kv' }, facts) : el('p', { class: 'muted' }, 'No experience values yet.'),
    stages ? el('h3', {}, 'Journey history') : null, stages);
}

function audiencesCard(profile) {
  const rows = (profile.audiences || []).map((audience) => el('tr', {},
    valueCell(audience.name), el('td', {}, age(audience.enteredAt))));
  return card('audiences-title', 'Audiences',
    rows.length ? table('Audiences', ['Audience', 'Entered'], rows, { hideCaption: true })
      : el('p', { class: 'muted' }, 'In no audience.'));
}

async function loadMerges(section, profileId, signal) {
  replace(section, el('h2', { id: 'merges-title' }, 'Merges'), el('p', { class: 'muted' }, 'Loading…'));
  try {
    const log = await api(profilePath(profileId, '/merges'));
    if (signal.aborted) {
      return;
    }
    const row = (entry) => el('tr', {},
      valueCell(entry.outcome),
      valueCell(entry.outcome === 'merged' ? entry.loserId : entry.loserId, 'mono'),
      valueCell((entry.identifiers || []).join(', ')),
      valueCell(entry.reason || entry.causeMessageId),
      el('td', {}, when(entry.decidedAt)));
    const entries = [...(log.merges || []), ...(log.refused || []), ...(log.splits || [])];
    replace(section, el('h2', { id: 'merges-title' }, 'Merges'),
      entries.length ? table('Why profiles were joined, refused or split',
        ['Outcome', 'Profile', 'Linked by', 'Reason or cause', 'When'], entries.map(row), { hideCaption: true })
        : el('p', { class: 'muted' }, 'Never merged, refused or split.'));
  }
  catch (error) {
    if (error.status === 403) {
      section.hidden = true;
    }
    else {
      replace(section, el('h2', { id: 'merges-title' }, 'Merges'),
        el('p', { class: 'error' }, 'Could not load: ' + error.message));
    }
  }
}

async function loadAudit(section, profileId, signal) {
  try {
    const page = await api('/v1/admin/audit' + query({ profileId, limit: 20 }));
    if (signal.aborted) {
      return;
    }
    const rows = (page.items || []).map((item) => el('tr', {},
      el('td', {}, when(item.at)), valueCell(item.keyName), valueCell(item.method + ' ' + item.endpoint),
      valueCell(item.status)));
    replace(section, el('h2', { id: 'audit-title' }, 'Who looked at this customer'),
      rows.length ? table('Latest reads of this customer', ['When', 'API key', 'What', 'Status'], rows,
        { hideCaption: true }) : el('p', { class: 'muted' }, 'No reads recorded yet.'));
    section.hidden = false;
  }
  catch (error) {
    section.hidden = true;
  }
}
