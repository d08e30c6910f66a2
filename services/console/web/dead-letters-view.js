// Dead letters: each dead-letter topic with its counts by reason; one topic's latest records with their
// headers, and a re-drive of the selected ones to the topic they came from (with a confirmation).
import { api } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h, number } from './dom.js';

export function showDeadLetters({ view, fail }) {
  const list = h('div', { id: 'dead-letter-topics' });
  view.replaceChildren(h('h1', {}, 'Dead letters'), list);
  api('/v1/console/dead-letters').then(({ topics }) => {
    if (topics.length === 0) return list.replaceChildren(h('p', {}, 'No dead-lettered records.'));
    list.replaceChildren(
      ...topics.map((topic) =>
        h(
          'section',
          { 'data-topic': topic.topic },
          h(
            'h2',
            {},
            h('a', { href: `#/dead-letters/${encodeURIComponent(topic.topic)}` }, topic.topic),
            ` (${number(topic.count)})`,
          ),
          h(
            'table',
            {},
            h(
              'thead',
              {},
              h('tr', {}, h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Records')),
            ),
            h(
              'tbody',
              {},
              ...topic.reasons.map((r) =>
                h('tr', {}, h('td', {}, r.reason), h('td', { class: 'number' }, number(r.count))),
              ),
            ),
          ),
        ),
      ),
    );
  }, fail);
  return () => undefined;
}

export function showDeadLetterTopic(topic, { view, fail }) {
  const path = `/v1/console/dead-letters/${encodeURIComponent(topic)}`;
  const rows = h('tbody', { id: 'dead-letters' });
  const done = h('p', { id: 'redrive-done', role: 'status' });
  const selected = () =>
    [...rows.querySelectorAll('input[type="checkbox"]:checked')].map((box) => ({
      partition: Number(box.dataset.partition),
      offset: box.dataset.offset,
    }));
  const confirm = confirmDialog({
    id: 'confirm-redrive',
    title: 'Re-drive the selected records?',
    text: 'Each goes back to the topic it came from, as it was. Do this once what refused it is fixed.',
    action: 'Re-drive',
    confirmed: () =>
      api(`${path}/redrive`, { method: 'POST', body: { records: selected() } }).then(
        ({ redriven }) => (done.textContent = `Re-drove ${redriven.length} record(s).`),
        fail,
      ),
  });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/dead-letters' }, '← Dead letters')),
    h('h1', {}, topic),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', id: 'redrive', onclick: () => selected().length && confirm.showModal() },
        'Re-drive selected…',
      ),
    ),
    confirm,
    done,
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['Select', 'Partition:offset', 'Reason', 'Key', 'Record'].map((t) =>
              h('th', { scope: 'col' }, t),
            ),
          ),
        ),
        rows,
      ),
    ),
  );
  api(`${path}/records`).then(({ records }) => rows.replaceChildren(...records.map(recordRow)), fail);
  return () => undefined;
}

const recordRow = (record) => {
  const where = `${record.partition}:${record.offset}`;
  return h(
    'tr',
    { 'data-record': where },
    h(
      'td',
      {},
      h('input', {
        type: 'checkbox',
        'aria-label': `Select ${where}`,
        'data-partition': record.partition,
        'data-offset': record.offset,
      }),
    ),
    h('td', {}, where),
    h('td', {}, record.reason),
    h('td', {}, record.key ?? '—'),
    h(
      'td',
      {},
      h(
        'details',
        {},
        h('summary', {}, 'Headers and value'),
        h(
          'pre',
          {},
          Object.entries(record.headers)
            .map(([name, value]) => `${name}: ${value}\n`)
            .join(''),
        ),
        h('pre', {}, record.value ?? '(no value)'),
      ),
    ),
  );
};
