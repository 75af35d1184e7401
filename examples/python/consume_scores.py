#!/usr/bin/python3
"""Read Score records from vma.scores and print one line per event.

The scorer writes scores in Kafka transactions, so read them with isolation.level=read_committed:
a read_uncommitted consumer could see scores of a transaction that was later aborted (and then
written again). Records of every Score schema version decode (older ones show the newer fields
as None).

    /usr/bin/python3 consume_scores.py --bootstrap-servers 127.0.0.1:9092 --from-beginning

prints tab-separated: eventId, memorySet, bound, novelty, pValue, anomaly.
"""

import argparse
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError

import vma_avro


def consumer(bootstrap_servers, group_id=None, from_beginning=False, **config):
    """A read_committed consumer (not yet subscribed)."""
    settings = {
        "bootstrap.servers": bootstrap_servers,
        "group.id": group_id or "vma-py-" + uuid.uuid4().hex[:8],
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest" if from_beginning else "latest",
        "enable.auto.commit": True,
    }
    settings.update(config)
    return Consumer(settings)


def fmt(value, pattern="%.4f"):
    return "-" if value is None else pattern % value


def line(score):
    return "\t".join([score["eventId"], score["memorySet"], fmt(score["bound"], "%.2f"), fmt(score["novelty"]),
                      fmt(score["pValue"]), "ANOMALY" if score["anomaly"] else "ok"])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--topic", default="vma.scores")
    parser.add_argument("--group", default=None, help="consumer group (default: a new one)")
    parser.add_argument("--from-beginning", action="store_true", help="start at the earliest offset")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many scores (0: no limit)")
    parser.add_argument("--idle-seconds", type=float, default=0,
                        help="stop after this long without a record (0: run until Ctrl-C)")
    args = parser.parse_args(argv)

    schemas = vma_avro.Schemas()
    c = consumer(args.bootstrap_servers, args.group, args.from_beginning)
    c.subscribe([args.topic])
    print("eventId\tmemorySet\tbound\tnovelty\tpValue\tanomaly", flush=True)
    seen, undecodable, last = 0, 0, time.monotonic()
    try:
        while not args.max_messages or seen < args.max_messages:
            message = c.poll(0.5)
            if message is None:
                if args.idle_seconds and time.monotonic() - last > args.idle_seconds:
                    break
                continue
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    print("consumer error: %s" % message.error(), file=sys.stderr)
                continue
            last = time.monotonic()
            try:
                score = schemas.decode("Score", message.value())
            except vma_avro.UndecodableRecord as e:
                undecodable += 1
                print("partition %d offset %d: %s" % (message.partition(), message.offset(), e), file=sys.stderr)
                continue
            seen += 1
            print(line(score), flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        c.close()
    print("%d scores%s" % (seen, ", %d undecodable" % undecodable if undecodable else ""), file=sys.stderr)
    return 1 if undecodable else 0


if __name__ == "__main__":
    sys.exit(main())
