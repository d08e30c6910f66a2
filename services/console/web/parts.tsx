// Parts every view uses: figures as text, a table in a focusable scrolling region, a body of rows that keeps
// a focused link focused, a button made unusable without losing focus, and an API call repeated on a timer.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** What a view does with a failed request: the page shows it (or logs out on a 401). */
export type Fail = (problem: unknown) => void;

export const number = (value: number) => new Intl.NumberFormat('en-GB').format(value);

/**
 * A table with column headings over rows, in a wrapper that scrolls sideways on a phone: a focusable, named
 * region, so that a keyboard can scroll it too.
 */
export const Table = ({
  headings,
  id,
  children,
}: {
  headings: string[];
  id: string;
  children: ComponentChildren;
}) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable to be scrolled by keyboard
  <section class="table-wrap" tabIndex={0} aria-label={`Table: ${headings.join(', ')}`}>
    <table>
      <thead>
        <tr>
          {headings.map((t) => (
            <th scope="col" key={t}>
              {t}
            </th>
          ))}
        </tr>
      </thead>
      <Rows id={id}>{children}</Rows>
    </table>
  </section>
);

/**
 * A table body whose rows may be redrawn under a keyboard user (the Draws list every 2 s, a draw's first page
 * of results as they come): a link in it that had focus gets it back in the new rows when its row was
 * replaced or moved, so the user is not thrown back to the top of the page.
 */
export function Rows({ id, children }: { id: string; children: ComponentChildren }) {
  const body = useRef<HTMLTableSectionElement>(null);
  useKeptFocus(body);
  return (
    <tbody id={id} ref={body}>
      {children}
    </tbody>
  );
}

function useKeptFocus(body: RefObject<HTMLElement>) {
  // Read while rendering, before the new rows are committed: the link that has focus now.
  const active = document.activeElement;
  const focused = active && body.current?.contains(active) ? active.getAttribute('href') : null;
  useLayoutEffect(() => {
    if (!focused || document.activeElement?.getAttribute('href') === focused) return;
    [...(body.current?.querySelectorAll('a') ?? [])].find((a) => a.getAttribute('href') === focused)?.focus();
  });
}

/**
 * A button usable or not by aria-disabled rather than disabled: a disabled button loses focus, so the
 * keyboard user who just pressed it (Trigger, Verify, Older) would be sent back to the top of the page. Its
 * action does nothing while it is unusable.
 */
export function Action({
  usable,
  onPress,
  children,
  ...attributes
}: {
  usable: boolean;
  onPress: () => unknown;
  children: ComponentChildren;
  id: string;
  hidden?: boolean;
}) {
  return (
    <button type="button" {...attributes} aria-disabled={!usable} onClick={() => usable && onPress()}>
      {children}
    </button>
  );
}

/** Runs `task` when the view is shown and, with `everyMs`, again on that interval until it is left. */
export function useEvery(task: () => unknown, everyMs?: number): void {
  const latest = useRef(task);
  latest.current = task;
  useEffect(() => {
    latest.current();
    if (!everyMs) return;
    const timer = setInterval(() => latest.current(), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
}

/** A time shown as written, with its machine-readable value; a dash without one. */
export const Instant = ({ at }: { at: string | null | undefined }) =>
  at ? <time dateTime={at}>{at}</time> : '—';
