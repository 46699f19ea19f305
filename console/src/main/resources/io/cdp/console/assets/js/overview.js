// The overview for marketing and CX leads: the journey funnel with its bottleneck, NPS and
// CSAT over time, the ticket trend and the engagement heatmap by hour and channel (Chart.js,
// from the webjar: the heatmap as a bubble chart, each bubble's area the volume, with the
// same figures in a table coloured by volume for keyboards and screen readers). Keys with
// events:read only.
import { api, query } from './api.js';
import { display, el, replace, table } from './dom.js';
import { can } from './session.js';

const DAYS = 90;

const charts = new Set();

export async function overviewScreen(main, signal) {
  document.title = 'Overview · CDP console';
  for (const chart of charts) {
    chart.destroy();
  }
  charts.clear();
  const to = new Date(Date.now() + 86400000).toISOString().slice(0, 10);
  const from = new Date(Date.now() - DAYS * 86400000).toISOString().slice(0, 10);
  const funnel = el('section', { class: 'card', id: 'funnel', 'aria-labelledby': 'funnel-title' },
    el('h2', { id: 'funnel-title' }, 'Journey funnel'), el('p', { class: 'muted' }, 'Loading…'));
  const satisfaction = el('section', { class: 'card', id: 'satisfaction', 'aria-labelledby': 'satisfaction-title' },
    el('h2', { id: 'satisfaction-title' }, 'NPS and CSAT by week'));
  const tickets = el('section', { class: 'card', id: 'tickets', 'aria-labelledby': 'tickets-title' },
    el('h2', { id: 'tickets-title' }, 'Support tickets by week'));
  const heat = el('section', { class: 'card', id: 'engagement', 'aria-labelledby': 'engagement-title' },
    el('h2', { id: 'engagement-title' }, 'Engagement by hour and channel (UTC)'));
  replace(main, el('h1', {}, 'Overview'),
    el('p', { class: 'muted' }, 'The last ' + DAYS + ' days, ' + from + ' to ' + to + '.'),
    el('div', { class: 'grid' }, funnel, satisfaction, tickets), heat);
  if (!can('events:read')) {
    replace(funnel, el('p', {}, 'This key cannot read analytics (it lacks events:read).'));
    return;
  }
  const period = { from, to };
  const [funnelAnswer, overviewAnswer, engagementAnswer] = await Promise.all([
    api('/v1/analytics/funnel' + query(period)).catch((error) => ({ error })),
    api('/v1/analytics/overview' + query({ ...period, interval: 'week' })).catch((error) => ({ error })),
    api('/v1/analytics/engagement' + query({ ...period, tz: 'UTC' })).catch((error) => ({ error })),
  ]);
  if (signal.aborted) {
    return;
  }
  showFunnel(funnel, funnelAnswer);
  showOverview(satisfaction, tickets, overviewAnswer);
  showEngagement(heat, engagementAnswer);
}

function failed(section, answer) {
  if (answer && answer.error) {
    if (answer.error.status === 403) {
      section.hidden = true;
    }
    else {
      section.append(el('p', { class: 'error' }, 'Could not load: ' + answer.error.message));
    }
    return true;
  }
  return false;
}

function chart(section, id, label, config) {
  const canvas = el('canvas', { id, role: 'img', 'aria-label': label });
  section.append(el('div', { class: 'chart' }, canvas));
  if (typeof window.Chart === 'function') {
    config.options = { responsive: true, maintainAspectRatio: false, animation: false, ...(config.options || {}) };
    charts.add(new window.Chart(canvas, config));
  }
}

function showFunnel(section, answer) {
  replace(section, el('h2', { id: 'funnel-title' }, 'Journey funnel'));
  if (failed(section, answer)) {
    return;
  }
  const stages = answer.stages || [];
  const bottleneck = answer.bottleneck;
  if (bottleneck) {
    section.append(el('p', { id: 'bottleneck' }, el('span', { class: 'badge bottleneck' }, 'Bottleneck'), ' ',
      display(bottleneck.from), ' → ', display(bottleneck.to), ': ',
      Math.round(bottleneck.conversion * 1000) / 10 + '% move on'));
  }
  const colours = stages.map((stage) => (bottleneck && stage.stage === bottleneck.from) ? '#b35900' : '#0b5cad');
  chart(section, 'funnel-chart', 'People entering each journey stage' + (bottleneck ? '; the bottleneck is after '
    + bottleneck.from : ''), {
    type: 'bar',
    data: { labels: stages.map((stage) => stage.stage),
      datasets: [{ label: 'Entered', data: stages.map((stage) => stage.entered), backgroundColor: colours }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } },
  });
  section.append(table('Journey funnel', ['Stage', 'Entered', 'Now in it', 'Move on'],
    stages.map((stage) => el('tr', { class: bottleneck && stage.stage === bottleneck.from ? 'bottleneck-row' : undefined },
      el('th', { scope: 'row' }, display(stage.stage)), el('td', {}, display(stage.entered)),
      el('td', {}, display(stage.current)),
      el('td', {}, stage.conversion === null || stage.conversion === undefined ? '—'
        : Math.round(stage.conversion * 1000) / 10 + '%'))), { hideCaption: true }));
}

function showOverview(satisfaction, tickets, answer) {
  if (failed(satisfaction, answer)) {
    tickets.hidden = satisfaction.hidden;
    return;
  }
  const periods = answer.periods || [];
  const labels = periods.map((period) => period.start);
  chart(satisfaction, 'satisfaction-chart', 'NPS score and CSAT average per week', {
    type: 'line',
    data: { labels, datasets: [
      { label: 'NPS', data: periods.map((period) => period.nps ? period.nps.score : null), borderColor: '#0b5cad',
        backgroundColor: '#0b5cad', yAxisID: 'nps', spanGaps: true },
      { label: 'CSAT average', data: periods.map((period) => period.csat ? period.csat.average : null),
        borderColor: '#b35900', backgroundColor: '#b35900', yAxisID: 'csat', spanGaps: true }] },
    options: { scales: { nps: { position: 'left', min: -100, max: 100 }, csat: { position: 'right', min: 0 } } },
  });
  chart(tickets, 'tickets-chart', 'Support tickets created and solved per week', {
    type: 'bar',
    data: { labels, datasets: [
      { label: 'Created', data: periods.map((period) => period.ticketsCreated || 0), backgroundColor: '#b35900' },
      { label: 'Solved', data: periods.map((period) => period.ticketsSolved || 0), backgroundColor: '#2e7d32' }] },
  });
  if (answer.tickets) {
    tickets.append(el('p', { class: 'muted' }, display(answer.tickets.created), ' created in the period, trend ',
      display(answer.tickets.direction || 'flat'), '.'));
  }
}

function showEngagement(section, answer) {
  if (failed(section, answer)) {
    return;
  }
  const byChannelHour = new Map();
  let max = 0;
  for (const cell of answer.cells || []) {
    const key = cell.channel + ' ' + cell.hour;
    const total = (byChannelHour.get(key) || 0) + cell.events;
    byChannelHour.set(key, total);
    max = Math.max(max, total);
  }
  const channels = [...new Set((answer.cells || []).map((cell) => cell.channel))].sort();
  if (channels.length === 0) {
    section.append(el('p', { class: 'muted' }, 'No interactions in the period.'));
    return;
  }
  const hours = [...Array(24).keys()];
  const palette = ['#0b5cad', '#b35900', '#2e7d32', '#6a1b9a', '#00838f', '#ad1457'];
  chart(section, 'engagement-chart', 'Interactions per channel and hour of day; the table below has the figures', {
    type: 'bubble',
    data: { datasets: channels.map((channel, index) => ({
      label: channel,
      backgroundColor: palette[index % palette.length] + 'b3',
      borderColor: palette[index % palette.length],
      data: hours.map((hour) => ({ hour, events: byChannelHour.get(channel + ' ' + hour) || 0 }))
        .filter((point) => point.events > 0)
        .map((point) => ({ x: point.hour, y: index, r: 2 + 12 * Math.sqrt(point.events / max), events: point.events })),
    })) },
    options: {
      scales: {
        x: { min: -0.5, max: 23.5, ticks: { stepSize: 1 }, title: { display: true, text: 'Hour of day' } },
        y: { min: -0.5, max: channels.length - 0.5, ticks: { stepSize: 1, callback: (value) => channels[value] ?? '' } },
      },
      plugins: { tooltip: { callbacks: {
        label: (context) => context.dataset.label + ', ' + context.raw.x + ':00: ' + context.raw.events + ' events',
      } } },
    },
  });
  const rows = channels.map((channel) => el('tr', {}, el('th', { scope: 'row' }, display(channel)),
    hours.map((hour) => {
      const events = byChannelHour.get(channel + ' ' + hour) || 0;
      const level = max === 0 ? 0 : Math.ceil((events / max) * 5);
      return el('td', { class: 'heat-' + level, title: channel + ', ' + hour + ':00: ' + events + ' events' },
        String(events));
    })));
  section.append(el('table', { class: 'heat' },
    el('caption', { class: 'visually-hidden' }, 'Interactions per channel and hour of day'),
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Channel'),
      hours.map((hour) => el('th', { scope: 'col' }, String(hour))))),
    el('tbody', {}, rows)));
}
