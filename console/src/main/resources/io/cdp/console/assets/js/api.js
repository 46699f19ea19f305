// Calls to the platform's public API, signed in by the session cookie the browser holds
// (HttpOnly: no script here can read it). Every call carries X-CDP-Console, without which
// the gateway refuses a cookie-signed request that changes something.

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

const listeners = new Set();

/** Called when the gateway answers 401: the session ended. */
export function onSignedOut(listener) {
  listeners.add(listener);
}

/** GET (or another method with a JSON body); resolves to the parsed JSON, or null for no body. */
export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'Accept': 'application/json', 'X-CDP-Console': '1' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    redirect: 'error',
  });
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    }
    catch (ignored) {
      json = null;
    }
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/console/session')) {
      listeners.forEach((listener) => listener());
    }
    throw new ApiError(response.status, json);
  }
  return json;
}

/** A query string from an object, leaving out empty values. */
export function query(parameters) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== null && value !== '') {
      search.append(name, String(value));
    }
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

/** The path of a profile's resource, its id encoded. */
export function profilePath(profileId, suffix = '') {
  return '/v1/profiles/' + encodeURIComponent(profileId) + suffix;
}
