// Dead letters: each dead-letter topic with its counts by reason; one topic's latest records with their
// headers, or any partition paged through by offset, and a re-drive of the selected ones to the topic they
// came from (with a confirmation).
import { api } from './api.js';
import { confirmDialog } from './confirm-dialog.js';
import { h, number, setUsable, table, usable } from './dom.js';

const PAGE_SIZE = 50;

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
  const where = h('p', { id: 'dead-letter-page', role: 'status' });
  const partition = h('input', { id: 'page-partition', name: 'partition', type: 'number', min: 0, value: 0 });
  const older = h('button', { type: 'button', id: 'page-older', 'aria-disabled': 'true' }, 'Older');
  const newer = h('button', { type: 'button', id: 'page-newer', 'aria-disabled': 'true' }, 'Newer');
  const load = (query) =>
    api(`${path}/records${query}`).then(({ page, records }) => {
      rows.replaceChildren(...records.map(recordRow));
      where.textContent = page
        ? `Partition ${page.partition}, offsets ${page.from} to ${page.to} (of ${page.low} to ${page.high}).`
        : 'The latest records of every partition.';
      setUsable(older, page && page.from !== page.low);
      setUsable(newer, page && page.to !== page.high);
      older.onclick = () => usable(older) && load(pageQuery(page.partition, page.from));
      newer.onclick = () =>
        usable(newer) && load(pageQuery(page.partition, String(BigInt(page.to) + BigInt(PAGE_SIZE))));
    }, fail);
  const pager = h(
    'form',
    {
      id: 'pager',
      onsubmit: (event) => {
        event.preventDefault();
        load(pageQuery(Number(partition.value)));
      },
    },
    h('label', { for: 'page-partition' }, 'Page through partition'),
    partition,
    h('button', { type: 'submit' }, 'Newest page'),
    older,
    newer,
  );
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
    pager,
    where,
    table(['Select', 'Partition:offset', 'Reason', 'Key', 'Record'], rows),
  );
  load('');
  return () => undefined;
}

const pageQuery = (partition, before) =>
  `?partition=${partition}&limit=${PAGE_SIZE}${before === undefined ? '' : `&before=${before}`}`;

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
        h('pre', { class: 'headers' }, headerLines(record.headers)),
        h('pre', {}, record.value ?? '(no value)'),
      ),
    ),
  );
};

// One line per value, a repeated header on as many lines as it has values (grouped by name: the API cannot
// say how different names were interleaved).
const headerLines = (headers) =>
  Object.entries(headers)
    .flatMap(([name, values]) => values.map((value) => `${name}: ${headerValueText(value)}\n`))
    .join('');

const headerValueText = (value) =>
  value === null ? '(no value)' : 'text' in value ? value.text : `(bytes, hex) ${value.hex}`;
