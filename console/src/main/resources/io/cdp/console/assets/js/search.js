// Find a customer by what the agent has: an email as the customer typed it, a phone
// number in any format, a user id, an order or ticket id. Each identifier guess is one
// GET /v1/profiles/lookup; the profile-service normalises the value the way identity
// resolution does, and the result shows the identifier as stored. An order or ticket id
// is one GET /v1/profiles/search?reference=, over the ids the events carry.
import { api, query } from './api.js';
import { el, replace, routeLink } from './dom.js';
import { can } from './session.js';
import { displayName } from './people.js';

const DEBOUNCE_MS = 250;

/** The identifiers a typed text could be, most specific first. */
export function guesses(text) {
  const value = text.trim();
  if (!value) {
    return [];
  }
  const types = [];
  if (value.includes('@')) {
    types.push('email');
  }
  const digits = value.replace(/\D/g, '');
  if (/^[+()\d\s.\-/]+$/.test(value) && digits.length >= 6) {
    types.push('phone');
  }
  types.push('user_id');
  if (!value.includes('@') && !value.includes(' ')) {
    types.push('anonymous_id');
  }
  return types.map((type) => ({ type, value }));
}

/** The identifier of the profile that the typed value matched, as the platform stores it. */
function matched(profile, guess) {
  if (guess.type === 'reference') {
    return 'order or ticket ' + guess.value;
  }
  const ofType = (profile.identifiers || []).filter((identifier) => identifier.type === guess.type);
  const typed = guess.value.trim();
  const digits = typed.replace(/\D/g, '').replace(/^0+/, '');
  const found = ofType.find((identifier) => {
    if (guess.type === 'email') {
      return identifier.value === typed.toLowerCase();
    }
    if (guess.type === 'phone') {
      return identifier.value.replace(/\D/g, '').endsWith(digits);
    }
    return identifier.value === typed;
  }) || ofType[0];
  return found ? found.type + ':' + found.value : guess.type + ':' + typed;
}

export function searchScreen(main, signal) {
  document.title = 'Find a customer · CDP console';
  const input = el('input', { id: 'search', type: 'search', name: 'search', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'search-help', 'aria-controls': 'results' });
  const status = el('p', { id: 'search-status', class: 'muted', role: 'status', 'aria-live': 'polite' });
  const results = el('ul', { id: 'results', class: 'results', 'aria-label': 'Customers found' });
  replace(main,
    el('h1', {}, 'Find a customer'),
    el('section', { class: 'card search-box', 'aria-labelledby': 'search-label' },
      el('label', { id: 'search-label', for: 'search' }, 'Email, phone number, user id, order or ticket id'),
      input,
      el('p', { id: 'search-help', class: 'muted' },
        'Type it as the customer gave it: case, spaces and phone formatting do not matter.'),
      status,
      results));
  if (!can('profiles:read')) {
    status.textContent = 'This key cannot read profiles (it lacks profiles:read).';
    input.disabled = true;
    return;
  }
  let timer = null;
  let generation = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(++generation), DEBOUNCE_MS);
  });
  signal.addEventListener('abort', () => clearTimeout(timer));
  input.focus();

  async function run(mine) {
    const tried = guesses(input.value);
    if (tried.length === 0) {
      replace(results);
      status.textContent = '';
      return;
    }
    status.textContent = 'Searching…';
    const lookups = tried.map((guess) =>
      api('/v1/profiles/lookup' + query({ identifier: guess.type + ':' + guess.value }))
        .then((profile) => ({ guess, profile }), (error) => ({ guess, error })));
    const reference = input.value.trim();
    const references = (reference.includes('@') || reference.length > 200) ? [] : [
      api('/v1/profiles/search' + query({ reference }))
        .then((answer) => (answer.profiles || []).map((profile) =>
          ({ guess: { type: 'reference', value: reference }, profile })), (error) => [{ guess: null, error }])];
    const answers = (await Promise.all([...lookups, ...references])).flat();
    if (mine !== generation || signal.aborted) {
      return;
    }
    const seen = new Set();
    const found = [];
    for (const answer of answers) {
      if (answer.profile && !seen.has(answer.profile.profileId)) {
        seen.add(answer.profile.profileId);
        found.push(answer);
      }
    }
    const refused = answers.find((answer) => answer.error && (answer.error.status === 403 || answer.error.status >= 500));
    replace(results, found.map(({ guess, profile }) => el('li', {},
      routeLink(['customer', profile.profileId], { class: 'result' },
        el('span', { class: 'who-line' }, displayName(profile)), ' ',
        el('span', { class: 'matched' }, matched(profile, guess))))));
    if (found.length > 0) {
      status.textContent = found.length === 1 ? '1 customer found.' : found.length + ' customers found.';
    }
    else if (refused) {
      status.textContent = 'The search failed: ' + refused.error.message;
    }
    else {
      status.textContent = 'Nobody has that email, phone number, user id, order or ticket id.';
    }
  }
}
