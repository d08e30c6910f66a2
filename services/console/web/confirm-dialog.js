// A modal confirmation (<dialog>: focus is kept inside, Escape cancels) that runs `confirmed` on its button.
import { h } from './dom.js';

export function confirmDialog({ id, title, text, action, confirmed }) {
  const dialog = h(
    'dialog',
    { id, 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title),
    h('p', {}, text),
    h(
      'form',
      { method: 'dialog' },
      h('button', { value: 'cancel' }, 'Cancel'),
      ' ',
      h('button', { value: 'confirm', id: `${id}-button` }, action),
    ),
  );
  dialog.addEventListener('close', () => dialog.returnValue === 'confirm' && confirmed());
  return dialog;
}
