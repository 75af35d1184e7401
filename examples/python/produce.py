#!/usr/bin/python3
"""Produce exemplars (vma.exemplars, record Exemplar) or events (vma.events, record ScoreRequest).

Key = the memory set's name as UTF-8; value = the single-object encoded record (vma_avro.py).
The producer uses librdkafka's default partitioner on purpose: the service routes records to
their memory set whatever partitioner a client used.

Images are 28x28 grey levels in [0, 1] (784 floats, shape [28, 28]) from MNIST's IDX files if they
are there ($VMA_DATA_DIR/mnist, default ~/.cache/vma-stream/mnist, where the project caches them),
else deterministic synthetic digits (--source synthetic forces these, --source mnist requires MNIST).

    /usr/bin/python3 produce.py --bootstrap-servers 127.0.0.1:9092 --as exemplars --memory-set digits \\
        --count 300 --digits 0-8
    /usr/bin/python3 produce.py --bootstrap-servers 127.0.0.1:9092 --as events --memory-set digits \\
        --count 100 --split test
"""

import argparse
import math
import os
import random
import struct
import sys
import uuid
from pathlib import Path

from confluent_kafka import KafkaException, Producer

import vma_avro

SIDE = 28
SHAPE = [SIDE, SIDE]


# --------------------------------------------------------------------------------------------- images

def mnist_dir():
    root = os.environ.get("VMA_DATA_DIR", "").strip()
    return Path(root) / "mnist" if root else Path.home() / ".cache" / "vma-stream" / "mnist"


def _read_idx(path, magic):
    data = path.read_bytes()
    dims = data[3]
    if struct.unpack(">I", data[:4])[0] != magic:
        raise ValueError("%s: not an IDX file with magic 0x%08x" % (path, magic))
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return shape, memoryview(data)[4 + 4 * dims:]


def mnist_images(split, directory=None):
    """(label, 784 raw bytes 0..255) for every image of the train or test split, in file order."""
    directory = Path(directory) if directory else mnist_dir()
    prefix = "train" if split == "train" else "t10k"
    shape, pixels = _read_idx(directory / (prefix + "-images-idx3-ubyte"), 0x00000803)
    lshape, labels = _read_idx(directory / (prefix + "-labels-idx1-ubyte"), 0x00000801)
    count, rows, cols = shape
    if (rows, cols) != (SIDE, SIDE) or lshape[0] != count or len(pixels) != count * rows * cols:
        raise ValueError("%s: unexpected MNIST layout %s / %s" % (directory, shape, lshape))
    size = rows * cols
    for i in range(count):
        yield labels[i], pixels[i * size:(i + 1) * size]


def synthetic_image(label, index):
    """A deterministic 28x28 'digit' of class label: class-specific strokes, jittered by index."""
    rng = random.Random(label * 1_000_003 + index)
    # Each class: a few strokes (x0, y0, x1, y1) on a 0..1 square.
    strokes = {
        0: [(.3, .2, .7, .2), (.7, .2, .7, .8), (.7, .8, .3, .8), (.3, .8, .3, .2)],
        1: [(.5, .15, .5, .85)],
        2: [(.3, .2, .7, .2), (.7, .2, .7, .5), (.7, .5, .3, .8), (.3, .8, .7, .8)],
        3: [(.3, .2, .7, .2), (.7, .2, .7, .8), (.4, .5, .7, .5), (.3, .8, .7, .8)],
        4: [(.3, .2, .3, .5), (.3, .5, .7, .5), (.65, .2, .65, .85)],
        5: [(.7, .2, .3, .2), (.3, .2, .3, .5), (.3, .5, .7, .5), (.7, .5, .7, .8), (.7, .8, .3, .8)],
        6: [(.6, .2, .3, .5), (.3, .5, .3, .8), (.3, .8, .7, .8), (.7, .8, .7, .5), (.7, .5, .3, .5)],
        7: [(.3, .2, .7, .2), (.7, .2, .4, .85)],
        8: [(.3, .2, .7, .2), (.3, .5, .7, .5), (.3, .8, .7, .8), (.3, .2, .3, .8), (.7, .2, .7, .8)],
        9: [(.7, .5, .3, .5), (.3, .5, .3, .2), (.3, .2, .7, .2), (.7, .2, .7, .85)],
    }[label]
    dx, dy = rng.uniform(-.08, .08), rng.uniform(-.08, .08)
    scale = rng.uniform(.85, 1.1)
    width = rng.uniform(1.0, 1.8)  # stroke half-width, pixels
    segments = [tuple(SIDE * (.5 + (v - .5) * scale) + SIDE * (dx if k % 2 == 0 else dy)
                      for k, v in enumerate(stroke)) for stroke in strokes]
    image = []
    for y in range(SIDE):
        for x in range(SIDE):
            px, py = x + .5, y + .5
            best = 1e9
            for x0, y0, x1, y1 in segments:
                vx, vy = x1 - x0, y1 - y0
                t = max(0.0, min(1.0, ((px - x0) * vx + (py - y0) * vy) / (vx * vx + vy * vy or 1.0)))
                best = min(best, math.hypot(px - x0 - t * vx, py - y0 - t * vy))
            image.append(max(0.0, min(1.0, width + .5 - best)))
    return image


def images(source="auto", split="train", digits=range(10), count=100, start=0):
    """count (label, data, source name) from MNIST or synthetic digits, skipping the first start."""
    digits = set(digits)
    if source == "auto":
        source = "mnist" if (mnist_dir() / "t10k-images-idx3-ubyte").is_file() else "synthetic"
    if source == "mnist":
        name = "mnist-" + split
        stream = ((label, raw) for label, raw in mnist_images(split) if label in digits)
    elif source == "synthetic":
        name = "synthetic-" + split
        ordered = sorted(digits)
        offset = 0 if split == "train" else 1_000_000
        stream = ((ordered[i % len(ordered)], offset + i) for i in range(start + count))
    else:
        raise ValueError("unknown source %r (auto, mnist, synthetic)" % source)
    produced = 0
    for i, (label, data) in enumerate(stream):
        if i < start:
            continue
        if produced == count:
            break
        produced += 1
        if source == "mnist":
            data = [p / 255.0 for p in data]
        else:
            data = synthetic_image(label, data)
        yield str(label), data, name
    if produced < count:
        raise ValueError("%s has only %d images of digits %s after %d" % (name, produced, sorted(digits), start))


def parse_digits(text):
    """'0-8' or '1,3,5' to a list of ints."""
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


# --------------------------------------------------------------------------------------------- Kafka

class Sender:
    """A confluent_kafka.Producer that encodes records and counts deliveries."""

    def __init__(self, bootstrap_servers, schemas=None, **config):
        settings = {
            "bootstrap.servers": bootstrap_servers,
            "enable.idempotence": True,  # acks=all, no duplicates on retry
            "linger.ms": 5,
            # no "partitioner": librdkafka's default (consistent_random, CRC32), unlike Java's murmur2
        }
        settings.update(config)
        self.producer = Producer(settings)
        self.schemas = schemas or vma_avro.Schemas()
        self.delivered = 0
        self.failed = []
        self.partitions = {}  # (topic, key) -> partitions the records went to

    def _report(self, error, message):
        if error is None:
            self.delivered += 1
            self.partitions.setdefault((message.topic(), message.key().decode("utf-8")), set()).add(message.partition())
        else:
            self.failed.append(error)

    def send(self, topic, key, record, datum):
        value = self.schemas.encode(record, datum)
        while True:
            try:
                self.producer.produce(topic, key=key.encode("utf-8"), value=value, on_delivery=self._report)
                break
            except BufferError:  # local queue full: let deliveries drain
                self.producer.poll(0.1)
        self.producer.poll(0)

    def exemplar(self, memory_set, exemplar_id, data, label=None, source="python", topic="vma.exemplars"):
        self.send(topic, memory_set, "Exemplar", {
            "id": exemplar_id, "memorySet": memory_set, "label": label, "shape": SHAPE, "data": data,
            "timestamp": vma_avro.now(), "source": source})

    def event(self, memory_set, event_id, data, topic="vma.events"):
        self.send(topic, memory_set, "ScoreRequest", {
            "id": event_id, "memorySet": memory_set, "shape": SHAPE, "data": data, "timestamp": vma_avro.now()})

    def flush(self, timeout=60.0):
        """Wait for every delivery; raise if any failed or some are still outstanding."""
        left = self.producer.flush(timeout)
        if left or self.failed:
            raise KafkaException("%d records not delivered (%d still queued after %.0f s)%s"
                                 % (len(self.failed) + left, left, timeout,
                                    ": " + str(self.failed[0]) if self.failed else ""))
        return self.delivered


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--as", dest="kind", choices=["exemplars", "events"], required=True)
    parser.add_argument("--memory-set", required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--source", choices=["auto", "mnist", "synthetic"], default="auto")
    parser.add_argument("--split", choices=["train", "test"], default=None,
                        help="default: train for exemplars, test for events")
    parser.add_argument("--digits", default="0-9", help="e.g. 0-8 or 1,7 (default 0-9)")
    parser.add_argument("--start", type=int, default=0, help="skip this many images first")
    parser.add_argument("--id-prefix", default=None, help="ids are <prefix>-<n> (default: a random prefix)")
    parser.add_argument("--topic", default=None, help="default vma.exemplars / vma.events")
    args = parser.parse_args(argv)

    split = args.split or ("train" if args.kind == "exemplars" else "test")
    prefix = args.id_prefix or ("py-" + uuid.uuid4().hex[:8])
    sender = Sender(args.bootstrap_servers)
    for n, (label, data, source) in enumerate(images(args.source, split, parse_digits(args.digits),
                                                     args.count, args.start)):
        if args.kind == "exemplars":
            sender.exemplar(args.memory_set, "%s-x%d" % (prefix, n), data, label, source,
                            topic=args.topic or "vma.exemplars")
        else:
            sender.event(args.memory_set, "%s-e%d" % (prefix, n), data, topic=args.topic or "vma.events")
    delivered = sender.flush()
    print("delivered %d %s to memory set %s (ids %s-%s0..%d)" % (delivered, args.kind, args.memory_set, prefix,
                                                                "x" if args.kind == "exemplars" else "e",
                                                                args.count - 1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
