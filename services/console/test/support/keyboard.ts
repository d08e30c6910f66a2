import type { Page } from 'puppeteer-core';

// Keyboard-only use of the console: focus moves by Tab and Shift+Tab only, and each element reached must show
// a focus ring (the console's :focus-visible outline, or the browser's own).

/** The focused element in a few words (tag, id, href), for failure messages. */
const FOCUSED = `(() => {
  const e = document.activeElement;
  if (!e) return 'nothing';
  const href = e.getAttribute('href');
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (href ? '[href="' + href + '"]' : '');
})()`;

/** Whether the focused element matches `selector`. */
export const focusIsOn = (page: Page, selector: string) =>
  page.evaluate(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`) as Promise<boolean>;

/** The focused element's outline as drawn, e.g. `3px solid`; `none` when it has none. */
export const focusRing = (page: Page) =>
  page.evaluate(`(() => {
    const style = getComputedStyle(document.activeElement);
    return style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0
      ? 'none'
      : style.outlineWidth + ' ' + style.outlineStyle;
  })()`) as Promise<string>;

/**
 * Presses Tab (Shift+Tab with `back`) until focus is on `selector`, at most `max` times; fails naming the
 * elements focus went through when it never gets there, or when the element shows no focus ring.
 */
export async function tabTo(
  page: Page,
  selector: string,
  { back = false, max = 40 }: { back?: boolean; max?: number } = {},
): Promise<void> {
  const path: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    if (back) await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    if (back) await page.keyboard.up('Shift');
    if (await focusIsOn(page, selector)) {
      const ring = await focusRing(page);
      if (ring === 'none') throw new Error(`${selector} has focus but no visible focus ring`);
      return;
    }
    path.push((await page.evaluate(FOCUSED)) as string);
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${selector}: ${path.join(' → ')}`);
}

/** Replaces the focused field's text by `text`, as typed (Ctrl+A selects what was there). */
export async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

/** A DOM property of the element at `selector` (`value`, `checked`, `open`): what a key press changed. */
export const propertyOf = (page: Page, selector: string, name: string) =>
  page.evaluate(`document.querySelector(${JSON.stringify(selector)})?.${name}`);
