// A tiny element builder: h('td', { class: 'number' }, '42'). Text is always set as text, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const number = (value) => new Intl.NumberFormat('en-GB').format(value);

/**
 * A table with column headings over `body` (a tbody), in a wrapper that scrolls sideways on a phone: a
 * focusable, named region, so that a keyboard can scroll it too.
 */
export const table = (headings, body) =>
  h(
    'div',
    { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': `Table: ${headings.join(', ')}` },
    h('table', {}, h('thead', {}, h('tr', {}, ...headings.map((t) => h('th', { scope: 'col' }, t)))), body),
  );

/**
 * Replaces a table body's rows. A link in it that had focus (the Draws list is refreshed every 2 s, a draw's
 * first page of results as they come) gets it back in the new rows, so a keyboard user is not thrown back to
 * the top of the page.
 */
export function replaceRows(body, rows) {
  const focused = body.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
  body.replaceChildren(...rows);
  if (focused) [...body.querySelectorAll('a')].find((a) => a.getAttribute('href') === focused)?.focus();
}

/**
 * Makes a button usable or not with aria-disabled rather than disabled: a disabled button loses focus, so
 * the keyboard user who just pressed it (Trigger, Verify, Older) would be sent back to the top of the page.
 * Its handler checks {@link usable}.
 */
export const setUsable = (button, yes) => button.setAttribute('aria-disabled', String(!yes));
export const usable = (button) => button.getAttribute('aria-disabled') !== 'true';
