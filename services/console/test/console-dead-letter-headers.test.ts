import { DEAD_LETTER_HEADERS, deadLetterTopic } from '@prizedraw/events';
import { ApiTokens, TokenSecret } from '@prizedraw/http-api';
import { topicsOf } from '@prizedraw/service';
import { createTopics, produce, readUntil, uniqueName } from '../../../test/support/kafka';
import { type ConsoleTestProcess, startConsoleProcess } from './support/console-process';
import { tabTo } from './support/keyboard';
import { loggedInPage, screenshot, seriousViolations } from './support/page-checks';

// A dead letter with a repeated header, produced straight onto a dead-letter topic: the page shows every
// value of it, and a re-drive sends every value back, in order, to the record's source topic (no service
// reads that topic in this process, so the re-driven record stays there to be read).

const SECRET = 'a console dead-letter test secret, 32+ bytes';
const tokens = new ApiTokens(new TokenSecret(Buffer.from(SECRET)));
const brand = uniqueName('console-dlq').toLowerCase();
const topics = topicsOf({ DC: 'local', BRAND: brand });
const dlq = deadLetterTopic(topics.activity);

let app: ConsoleTestProcess;

beforeAll(async () => {
  // Before the console starts, so that it finds the dead-letter topic at once rather than within 10 s.
  await createTopics([topics.activity, dlq], 2);
  await produce(dlq, [
    {
      key: 'a-7',
      value: '{"stakeMinor":"12"}',
      headers: {
        trace: ['first', 'second'],
        binary: Buffer.from([0xff, 0x00]),
        [DEAD_LETTER_HEADERS.reason]: 'stakeMinor: expected a number',
        [DEAD_LETTER_HEADERS.originTopic]: topics.activity,
      },
    },
  ]);
  app = await startConsoleProcess(['console'], { BRAND: brand, API_TOKEN_SECRET: SECRET });
});
afterAll(() => app?.close());

describe('a dead letter with a repeated header', () => {
  it('when it is shown and re-driven, then the page lists both values and both go back to the source topic in order', async () => {
    const { running, browser } = app;
    const page = await loggedInPage(
      browser,
      running.url,
      tokens.issue({ role: 'operator', subject: 'ops-ann', ttlSeconds: 600 }),
    );
    await page.goto(`${running.url}/console/#/dead-letters/${encodeURIComponent(dlq)}`);
    // The console reads the topic from its beginning after it starts: reload until the record is there.
    await page.waitForFunction(
      "document.querySelector('#dead-letters tr') !== null || (location.reload(), false)",
      { timeout: 30_000, polling: 1_000 },
    );
    await tabTo(page, '#dead-letters summary');
    await page.keyboard.press('Enter');
    const headers = await page.$eval('#dead-letters pre.headers', (pre) => pre.textContent);
    expect(headers?.split('\n')).toEqual(
      expect.arrayContaining(['trace: first', 'trace: second', 'binary: (bytes, hex) ff00']),
    );
    expect(headers?.indexOf('trace: first')).toBeLessThan(headers?.indexOf('trace: second') ?? -1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dead-letter-headers');

    // The API says the same, name → every value.
    const answer = await fetch(`${running.url}/v1/console/dead-letters/${encodeURIComponent(dlq)}/records`, {
      headers: {
        authorization: `Bearer ${tokens.issue({ role: 'operator', subject: 'x', ttlSeconds: 60 })}`,
      },
    });
    const { records } = (await answer.json()) as { records: { headers: Record<string, unknown> }[] };
    expect(records[0]?.headers).toMatchObject({
      trace: [{ text: 'first' }, { text: 'second' }],
      binary: [{ hex: 'ff00' }],
    });

    await tabTo(page, '#dead-letters input[type="checkbox"]', { back: true });
    await page.keyboard.press('Space');
    await tabTo(page, '#redrive', { back: true });
    await page.keyboard.press('Enter');
    await page.waitForSelector('#confirm-redrive[open]');
    await tabTo(page, '#confirm-redrive-button');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      "document.querySelector('#redrive-done')?.textContent === 'Re-drove 1 record(s).'",
      { timeout: 30_000 },
    );
    const [back] = await readUntil(topics.activity, (messages) => messages.length > 0, 30_000);
    expect(back?.key?.toString()).toBe('a-7');
    expect(back?.value?.toString()).toBe('{"stakeMinor":"12"}');
    // KafkaJS groups a repeated header's values into a list, in the order the record carries them.
    expect(back?.headers).toEqual({
      trace: [Buffer.from('first'), Buffer.from('second')],
      binary: Buffer.from([0xff, 0x00]),
    });
  });
});
