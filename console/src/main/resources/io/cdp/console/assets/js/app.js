// The console's entry point: signs in (or finds the session), then shows the screen the
// location's hash names: #/search, #/customer/<profileId>, #/overview, #/data,
// #/data/dead-letters. Screens and links only ever point at these routes.
import { el, replace } from './dom.js';
import { onSignedOut } from './api.js';
import { can, forget, restore, session, signIn, signOut } from './session.js';
import { searchScreen } from './search.js';
import { customerScreen } from './customer.js';
import { overviewScreen } from './overview.js';
import { dataScreen, deadLettersScreen } from './data.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const whoName = document.getElementById('who-name');

let screenController = null;

function signInScreen(message) {
  document.title = 'Sign in · CDP console';
  const input = el('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off',
    spellcheck: 'false', required: true, 'aria-describedby': 'api-key-help' });
  const error = el('p', { id: 'sign-in-error', class: 'error', role: 'alert' }, message || '');
  const form = el('form', { class: 'card signin', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title' }, 'Sign in'),
    el('label', { for: 'api-key' }, 'API key'),
    input,
    el('p', { id: 'api-key-help', class: 'muted' },
      'The key is exchanged once for a session of this browser tab\'s site; the console does not keep it.'),
    error,
    el('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await signIn(input.value);
      input.value = '';
      showChrome();
      if (!location.hash || location.hash === '#/' || location.hash === '#/sign-in') {
        location.hash = '#/search';
      }
      else {
        route();
      }
    }
    catch (failure) {
      input.value = '';
      error.textContent = failure.status === 401
        ? 'That API key was not accepted: it is unknown or revoked.'
        : 'Signing in failed (' + failure.message + ').';
      input.focus();
    }
  });
  hideChrome();
  replace(main, form);
  input.focus();
}

function showChrome() {
  const current = session();
  nav.hidden = false;
  who.hidden = false;
  whoName.textContent = current.keyName + ' (' + current.scopes.join(', ') + ')';
  for (const link of nav.querySelectorAll('a[data-needs]')) {
    link.hidden = !can(link.dataset.needs);
  }
}

function hideChrome() {
  nav.hidden = true;
  who.hidden = true;
  whoName.textContent = '';
}

function route() {
  if (!session()) {
    signInScreen();
    return;
  }
  if (screenController) {
    screenController.abort();
  }
  screenController = new AbortController();
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = parts[0] || 'search';
  for (const link of nav.querySelectorAll('a[data-route]')) {
    if (link.dataset.route === name) {
      link.setAttribute('aria-current', 'page');
    }
    else {
      link.removeAttribute('aria-current');
    }
  }
  const signal = screenController.signal;
  if (name === 'customer' && parts[1]) {
    customerScreen(main, parts[1], signal);
  }
  else if (name === 'overview') {
    overviewScreen(main, signal);
  }
  else if (name === 'data' && parts[1] === 'dead-letters') {
    deadLettersScreen(main, signal, parts[2] || '');
  }
  else if (name === 'data') {
    dataScreen(main, signal);
  }
  else {
    searchScreen(main, signal);
  }
  main.focus({ preventScroll: true });
}

document.getElementById('sign-out').addEventListener('click', async () => {
  await signOut().catch(() => undefined);
  location.hash = '#/sign-in';
  signInScreen('Signed out.');
});

onSignedOut(() => {
  forget();
  signInScreen('The session ended; sign in again.');
});

window.addEventListener('hashchange', route);

restore().then((current) => {
  if (current) {
    showChrome();
    route();
  }
  else {
    signInScreen();
  }
});
