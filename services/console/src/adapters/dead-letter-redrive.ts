import { DEAD_LETTER_HEADERS, EVENT_TYPES, type TopicNames } from '@prizedraw/events';
import { HttpProblem, problemType } from '@prizedraw/http-api';
import type { EventProducer } from '@prizedraw/service';
import type { IHeaders, Producer } from 'kafkajs';
import type { DeadLetterPages } from './dead-letter-pages';
import { unavailableProblem } from './unavailable-problem';

const DLQ_HEADER_NAMES = new Set<string>(Object.values(DEAD_LETTER_HEADERS));

/**
 * Sends dead-lettered records back to the topic they came from, as they were (key, value and headers,
 * without the dead-letter headers), once whatever refused them is fixed. Audited first, like every operator
 * action. Any record of a dead-letter topic of this deployment can be re-driven (one the console no longer
 * keeps is read from Kafka by its offset), and only to a topic of this deployment, so a forged origin header
 * cannot make the console write anywhere else.
 */
export class DeadLetterRedrive {
  readonly #pages: DeadLetterPages;
  readonly #producer: Producer;
  readonly #audit: EventProducer;
  readonly #topics: TopicNames;

  constructor(options: {
    pages: DeadLetterPages;
    producer: Producer;
    audit: EventProducer;
    topics: TopicNames;
  }) {
    this.#pages = options.pages;
    this.#producer = options.producer;
    this.#audit = options.audit;
    this.#topics = options.topics;
  }

  async redrive(
    deadLetterTopic: string,
    partition: number,
    offset: string,
    operator: string,
  ): Promise<string> {
    const record = await this.#pages.record(deadLetterTopic, partition, offset);
    if (!record)
      throw new HttpProblem({
        status: 404,
        type: problemType('no-such-dead-letter'),
        detail: `${deadLetterTopic} has no record at ${partition}:${offset}`,
      });
    const originTopic = record.originTopic;
    if (originTopic === undefined || !Object.values(this.#topics).includes(originTopic))
      throw new HttpProblem({
        status: 409,
        type: problemType('unknown-origin'),
        detail: `the record's origin topic ${originTopic ?? '(none)'} is not a topic of this deployment`,
      });
    const at = new Date().toISOString();
    // Each name's values go back as a list, which KafkaJS writes one header per value in that order; the
    // names follow one another, so a record whose names were interleaved goes back grouped by name.
    const headers = Object.fromEntries(
      Object.entries(record.headers).filter(([name]) => !DLQ_HEADER_NAMES.has(name)),
    );
    try {
      await this.#audit.send(this.#topics.consoleAudit, [
        {
          type: EVENT_TYPES.consoleRedrive,
          key: deadLetterTopic,
          data: { deadLetterTopic, partition, offset, originTopic, operator, at },
        },
      ]);
      await this.#producer.send({
        topic: originTopic,
        acks: -1,
        // A value may be null (a header without one), which KafkaJS writes as such but its type leaves out.
        messages: [{ key: record.key, value: record.value, headers: headers as IHeaders }],
      });
    } catch (error) {
      throw unavailableProblem(error, `re-drive of ${deadLetterTopic} ${partition}:${offset}`);
    }
    return originTopic;
  }
}
