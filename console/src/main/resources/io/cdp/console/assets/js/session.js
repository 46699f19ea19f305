// Who is signed in: the key's name and scopes, as the gateway answers them. The key
// itself is sent once, to POST /console/session, and never kept.
import { api } from './api.js';

let current = null;

export function session() {
  return current;
}

/** Whether the signed-in key has a scope (profiles:read, events:read, admin). */
export function can(scope) {
  return current !== null && current.scopes.includes(scope);
}

export async function restore() {
  try {
    current = await api('/console/session');
  }
  catch (error) {
    current = null;
  }
  return current;
}

export async function signIn(apiKey) {
  current = await api('/console/session', { method: 'POST', body: { apiKey } });
  return current;
}

export async function signOut() {
  try {
    await api('/console/session', { method: 'DELETE' });
  }
  finally {
    current = null;
  }
}

export function forget() {
  current = null;
}
