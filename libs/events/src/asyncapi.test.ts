import { parse } from 'yaml';
import { GENERATE_COMMAND, isAsyncApiUpToDate, renderAsyncApi } from '../scripts/generate-asyncapi';
import { EVENT_TYPES } from './event-schemas';
import { deadLetterTopic, PUBLIC_TOPIC_KEYS, TOPIC_TEMPLATES } from './topics';

describe('asyncapi.yaml', () => {
  it('when the zod schemas change, then the checked-in file is regenerated', () => {
    const state = isAsyncApiUpToDate()
      ? 'up to date'
      : `out of date: run \`${GENERATE_COMMAND}\` and commit the result`;
    expect(state).toBe('up to date');
  });

  it('describes every public topic, the dead-letter topics of the inbound ones, and every event type', () => {
    const document = parse(renderAsyncApi()) as {
      asyncapi: string;
      channels: Record<string, { address: string }>;
      components: { messages: Record<string, { name: string }> };
    };
    expect(document.asyncapi).toBe('3.0.0');
    const addresses = Object.values(document.channels).map((channel) => channel.address);
    for (const key of PUBLIC_TOPIC_KEYS) expect(addresses).toContain(TOPIC_TEMPLATES[key]);
    for (const key of ['activity', 'definitions', 'triggers'] as const) {
      expect(addresses).toContain(deadLetterTopic(TOPIC_TEMPLATES[key]));
    }
    const names = Object.values(document.components.messages).map((message) => message.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(EVENT_TYPES)));
  });
});
