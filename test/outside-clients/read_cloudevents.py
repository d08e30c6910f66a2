"""Reads prizedraw records as an outside client would, with nothing of prizedraw's own code.

librdkafka (confluent-kafka's Consumer) reads the topic, read-committed; the official CloudEvents SDK for
Python turns each record into a CloudEvent (cloudevents.kafka.from_binary, binary content mode); the data goes
through Confluent's own JSON Schema deserializer, which takes the schema id from the wire-format header and
fetches and checks the schema at the registry's Confluent-compatible API.

Prints one JSON object per record on stdout (its key, attributes and data as the deserializer returned it)
and exits 0 once --count records are read; exits 1 with the reason on stderr when they are not there in time
or a record cannot be read.

    python read_cloudevents.py --brokers 127.0.0.1:9092 --topic demo.draw.results \
        --registry http://127.0.0.1:8081/apis/ccompat/v7 --count 10
"""

import argparse
import json
import sys
import time
import uuid

from cloudevents.kafka import KafkaMessage, from_binary
from confluent_kafka import Consumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.json_schema import JSONDeserializer
from confluent_kafka.serialization import MessageField, SerializationContext


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--brokers", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--registry", required=True, help="the registry's Confluent-compatible base URL")
    parser.add_argument("--count", type=int, required=True, help="records to read before exiting")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds to wait for them")
    args = parser.parse_args()

    # No schema given: the deserializer uses the writer's schema, found by the id in each value's header.
    deserializer = JSONDeserializer(None, schema_registry_client=SchemaRegistryClient({"url": args.registry}))
    consumer = Consumer(
        {
            "bootstrap.servers": args.brokers,
            "group.id": f"outside-client-{uuid.uuid4()}",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "isolation.level": "read_committed",
        }
    )
    consumer.subscribe([args.topic])
    read = 0
    deadline = time.monotonic() + args.timeout
    try:
        while read < args.count:
            if time.monotonic() > deadline:
                print(f"{read} of {args.count} records read from {args.topic} in {args.timeout} s", file=sys.stderr)
                return 1
            message = consumer.poll(0.5)
            if message is None:
                continue
            if message.error():
                print(f"consumer error: {message.error()}", file=sys.stderr)
                return 1
            context = SerializationContext(message.topic(), MessageField.VALUE, message.headers())
            event = from_binary(
                KafkaMessage(
                    headers={name: value for name, value in message.headers() or []},
                    key=message.key(),
                    value=message.value(),
                ),
                data_unmarshaller=lambda value: deserializer(value, context),
            )
            attributes = {name: str(value) for name, value in event.get_attributes().items()}
            print(json.dumps({"key": message.key().decode(), "attributes": attributes, "data": event.get_data()}))
            read += 1
    finally:
        consumer.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
