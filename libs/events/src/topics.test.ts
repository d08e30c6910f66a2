import { deadLetterTopic, PUBLIC_TOPIC_KEYS, TOPIC_TEMPLATES, topicNames } from './topics';

describe('topicNames', () => {
  it('when called without options, then uses dc local and brand demo', () => {
    const topics = topicNames();
    expect(topics.activity).toBe('local.demo.cpp.activity');
    expect(topics.results).toBe('demo.draw.results');
  });

  it('when given a dc and brand, then fills every template', () => {
    expect(topicNames({ dc: 'eu-west-1', brand: 'acme' })).toEqual({
      activity: 'eu-west-1.acme.cpp.activity',
      definitions: 'acme.draw.definitions',
      triggers: 'acme.draw.triggers',
      results: 'acme.draw.results',
      records: 'acme.draw.records',
      exclusions: 'acme.customer.exclusions',
      ticketUpdates: 'acme.ticket.updates',
      instantWinEvents: 'acme.instant-win.events',
      eppmActivity: 'eu-west-1.acme.eppm.activity',
      messageQueueInbound: 'acme.message-queue.inbound',
      messagesDelivered: 'acme.customer-messages.delivered',
      customersOnline: 'acme.customers.online',
      messageDeletes: 'msq.inbound.delete.local',
      ingested: 'acme.cpp.ingested.events',
      enriched: 'acme.cpp.enriched.events',
      relevant: 'acme.relevant.events',
      unqualified: 'acme.relevant.unqualification.events',
      tickets: 'acme.tickets',
      walletInput: 'acme.wallet.input',
      runs: 'acme.draw.runs',
      lateTickets: 'acme.draw.late-tickets',
      unmatched: 'acme.cpp.unmatched.events',
      entries: 'acme.contest.entries',
      scaExports: 'acme.sca.exports',
      consoleAudit: 'acme.console.audit',
    });
  });

  it('when a name part is not lowercase [a-z0-9-]+, then the error names the field', () => {
    expect(() => topicNames({ dc: 'EU' })).toThrow(/^dc must be lowercase/);
    expect(() => topicNames({ brand: 'acme.x' })).toThrow(/^brand must be lowercase.*"acme\.x"/);
    expect(() => topicNames({ brand: '' })).toThrow(/^brand/);
  });

  it('then every template has a name and the public ones are templates', () => {
    expect(Object.keys(topicNames())).toEqual(Object.keys(TOPIC_TEMPLATES));
    for (const key of PUBLIC_TOPIC_KEYS) expect(TOPIC_TEMPLATES[key]).toMatch(/\{brand\}|\{env\}/);
  });

  it('when given an env, then fills the delete instructions topic with it', () => {
    expect(topicNames({ env: 'prod' }).messageDeletes).toBe('msq.inbound.delete.prod');
    expect(() => topicNames({ env: 'Prod' })).toThrow(/^env must be lowercase/);
  });
});

describe('deadLetterTopic', () => {
  it('appends .dlq', () => {
    expect(deadLetterTopic('demo.draw.triggers')).toBe('demo.draw.triggers.dlq');
  });
});
