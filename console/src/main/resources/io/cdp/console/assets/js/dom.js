// Building the page from API values safely: every value becomes a text node or a plain
// attribute through the DOM, never markup. Nothing in the console assigns innerHTML,
// outerHTML or insertAdjacentHTML, or builds a link from API data.

const ALLOWED_ATTRIBUTES = new Set(['id', 'class', 'for', 'type', 'name', 'value', 'placeholder', 'autocomplete',
  'role', 'tabindex', 'title', 'scope', 'hidden', 'disabled', 'required', 'spellcheck', 'open', 'datetime',
  'inputmode', 'autocapitalize']);

/** Longest text put into a title attribute (the full value stays in the API). */
const TITLE_LIMIT = 2000;

/**
 * An element with attributes and children. Attributes outside a short list (and aria-*,
 * data-*) are refused; children are nodes, or anything else, shown as text.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (!(ALLOWED_ATTRIBUTES.has(name) || name.startsWith('aria-') || name.startsWith('data-'))) {
      throw new Error('attribute not allowed: ' + name);
    }
    const text = value === true ? '' : String(value);
    element.setAttribute(name, name === 'title' ? text.slice(0, TITLE_LIMIT) : text);
  }
  append(element, children);
  return element;
}

/** Appends children: nodes as they are, arrays flattened, null skipped, anything else as text. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.append(child instanceof Node ? child : document.createTextNode(display(child)));
  }
  return parent;
}

/** A value shown as text: strings as they are, anything else as JSON. */
export function display(value) {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/**
 * A link to a route of the console itself. The route is built from fixed words and ids
 * passed through encodeURIComponent, so it can only ever be '#/…' on this page.
 */
export function routeLink(parts, attributes, ...children) {
  const href = '#/' + parts.map((part) => encodeURIComponent(String(part))).join('/');
  const link = el('a', attributes, ...children);
  link.setAttribute('href', href);
  return link;
}

/** A cell showing a value in one line, cut with an ellipsis; the full value is its tooltip. */
export function valueCell(value, className = '') {
  const text = display(value);
  return el('td', { class: ('value ' + className).trim(), title: text }, text);
}

/** Replaces all children of a node. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A table with a caption (visually hidden when asked) and a header row. */
export function table(caption, headers, rows, { hideCaption = false, className } = {}) {
  return el('table', { class: className },
    el('caption', { class: hideCaption ? 'visually-hidden' : undefined }, caption),
    el('thead', {}, el('tr', {}, headers.map((header) => el('th', { scope: 'col' }, header)))),
    el('tbody', {}, rows));
}

const RELATIVE = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** How long ago an ISO instant was, in words, inside a <time> with the exact instant. */
export function age(iso) {
  if (!iso) {
    return el('span', { class: 'muted' }, '—');
  }
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  const steps = [[60, 'second'], [3600, 'minute'], [86400, 'hour'], [86400 * 30, 'day'], [86400 * 365, 'month']];
  let words = RELATIVE.format(Math.round(seconds / (86400 * 365)), 'year');
  let unit = 1;
  for (const [limit, name] of steps) {
    if (Math.abs(seconds) < limit) {
      words = RELATIVE.format(Math.round(seconds / unit), name);
      break;
    }
    unit = limit;
  }
  return el('time', { datetime: iso, title: iso }, words);
}

/** An ISO instant as a short local date and time. */
export function when(iso) {
  if (!iso) {
    return el('span', { class: 'muted' }, '—');
  }
  return el('time', { datetime: iso, title: iso }, new Date(iso).toLocaleString('en-GB',
    { dateStyle: 'medium', timeStyle: 'short' }));
}
