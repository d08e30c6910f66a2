// Types for the KafkaJS protocol internals that record-encoding.test.ts exercises (KafkaJS ships none).
declare module 'kafkajs/src/protocol/encoder' {
  export default class Encoder {
    readonly buffer: Buffer;
  }
}

declare module 'kafkajs/src/protocol/decoder' {
  export default class Decoder {
    constructor(buffer: Buffer);
    readInt16(): number;
    readInt32(): number;
    readInt64(): { toString(): string };
    readString(): string;
    readBytes(): Buffer;
  }
}

declare module 'kafkajs/src/protocol/recordBatch/record/v0' {
  import type Encoder from 'kafkajs/src/protocol/encoder';
  export default function encodeRecord(record: {
    offsetDelta?: number;
    timestampDelta?: number;
    key: string | Buffer | null;
    value: string | Buffer | null;
    headers?: Record<string, string | Buffer | (string | Buffer)[] | null>;
  }): Encoder;
}

declare module 'kafkajs/src/protocol/recordBatch/v0' {
  import type Encoder from 'kafkajs/src/protocol/encoder';
  export function RecordBatch(batch: {
    records: Encoder[];
    firstTimestamp?: number;
    maxTimestamp?: number;
    transactional?: boolean;
    producerId?: number;
    producerEpoch?: number;
    firstSequence?: number;
    lastOffsetDelta?: number;
  }): Promise<Encoder>;
}

declare module 'kafkajs/src/protocol/recordBatch/v0/decoder' {
  import type Decoder from 'kafkajs/src/protocol/decoder';
  export default function decodeBatch(decoder: Decoder): Promise<{
    records: {
      offset: string;
      timestamp: string;
      key: Buffer | null;
      value: Buffer | null;
      headers: Record<string, Buffer | Buffer[]>;
    }[];
  }>;
}

declare module 'kafkajs/src/protocol/requests/produce/v3/request' {
  import type Encoder from 'kafkajs/src/protocol/encoder';
  export interface ProduceRequest {
    encode(): Promise<Encoder>;
  }
  export default function produceRequest(request: {
    acks: number;
    timeout: number;
    transactionalId?: string;
    producerId?: number;
    producerEpoch?: number;
    compression?: number;
    topicData: {
      topic: string;
      partitions: {
        partition: number;
        firstSequence?: number;
        messages: {
          key: string | Buffer | null;
          value: Buffer | null;
          timestamp?: string;
          headers?: Record<string, string | Buffer | (string | Buffer)[] | null>;
        }[];
      }[];
    }[];
  }): ProduceRequest;
}

declare module 'kafkajs/src/protocol/request' {
  import type Encoder from 'kafkajs/src/protocol/encoder';
  import type { ProduceRequest } from 'kafkajs/src/protocol/requests/produce/v3/request';
  /** A request as it goes on the wire: size, api key and version, correlation and client id, then the body. */
  export default function encodeRequest(request: {
    correlationId: number;
    clientId: string;
    request: ProduceRequest;
  }): Promise<Encoder>;
}

declare module 'kafkajs/src/producer/partitioners/default/murmur2' {
  export default function murmur2(key: string | Buffer): number;
}

declare module 'kafkajs/src/protocol/recordBatch/crc32C' {
  export default function crc32C(buffer: Buffer): number;
}

declare module 'kafkajs/src/consumer/filterAbortedMessages' {
  /** A fetched message as the consumer's batch filter sees it (control records included). */
  export interface FetchedMessage {
    offset: string;
    key: Buffer | null;
    isControlRecord?: boolean;
    batchContext: { producerId: string; inTransaction: boolean };
  }
  export default function filterAbortedMessages<M extends FetchedMessage>(options: {
    messages: M[];
    abortedTransactions?: { producerId: string; firstOffset: string }[];
  }): M[];
}
