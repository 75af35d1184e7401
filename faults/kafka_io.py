"""The outside client of the fault suite: fast record encoding, a counting producer, and background
readers of vma.scores (read_committed) and vma.deadletter.

Records are encoded here without python-avro's DatumWriter (too slow for 1,000 events/s next to
three JVMs on two cores): the header comes from examples/python/vma_avro.py, the body is written
field by field, and `Codec.self_test()` checks the bytes equal vma_avro's encoding before use.
Scores are decoded with vma_avro (every field, every schema version).
"""

import hashlib
import struct
import sys
import threading
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples" / "python"))

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, Producer, TopicPartition  # noqa: E402

import produce  # noqa: E402  (examples/python: images)
import vma_avro  # noqa: E402

SHAPE = [28, 28]
DIM = 784


def zigzag(n):
    """Avro's zig-zag varint of a long."""
    n = (n << 1) ^ (n >> 63)
    n &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while n & ~0x7F:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def read_zigzag(data, pos):
    shift, result = 0, 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            break
        shift += 7
    return (result >> 1) ^ -(result & 1), pos


def avro_string(text):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return zigzag(len(raw)) + raw


def int_array(values):
    if not values:
        return b"\x00"
    return zigzag(len(values)) + b"".join(zigzag(v) for v in values) + b"\x00"


def pack_floats(values):
    return struct.pack("<%df" % len(values), *values)


def float_array(packed):
    n = len(packed) // 4
    if n == 0:
        return b"\x00"
    return zigzag(n) + packed + b"\x00"


def now_ms():
    return int(time.time() * 1000)


class Codec:
    def __init__(self, schemas=None):
        self.schemas = schemas or vma_avro.Schemas()
        self.exemplar_header = self.schemas.schema("Exemplar").header
        self.event_header = self.schemas.schema("ScoreRequest").header
        self.self_test()

    def exemplar(self, exemplar_id, memory_set, label, packed, shape=SHAPE, source="faults", ts=None):
        return b"".join((self.exemplar_header, avro_string(exemplar_id), avro_string(memory_set),
                         b"\x00" if label is None else b"\x02" + avro_string(label), int_array(shape),
                         float_array(packed), zigzag(now_ms() if ts is None else ts), avro_string(source)))

    def event(self, event_id, memory_set, packed, shape=SHAPE, ts=None):
        return b"".join((self.event_header, avro_string(event_id), avro_string(memory_set), int_array(shape),
                         float_array(packed), zigzag(now_ms() if ts is None else ts)))

    def self_test(self):
        data = [0.0, 0.25, 1.0, 0.5]
        ts = 1765000000123
        mine = self.exemplar("x-1", "set", "7", pack_floats(data), [2, 2], "src", ts)
        theirs = self.schemas.encode("Exemplar", {"id": "x-1", "memorySet": "set", "label": "7", "shape": [2, 2],
                                                  "data": data, "timestamp": vma_avro.millis_to_datetime(ts),
                                                  "source": "src"})
        assert mine == theirs, (mine, theirs)
        mine = self.exemplar("x-2", "set", None, pack_floats(data), [4], "src", ts)
        theirs = self.schemas.encode("Exemplar", {"id": "x-2", "memorySet": "set", "label": None, "shape": [4],
                                                  "data": data, "timestamp": vma_avro.millis_to_datetime(ts),
                                                  "source": "src"})
        assert mine == theirs
        mine = self.event("e-1", "set", pack_floats(data), [2, 2], ts)
        theirs = self.schemas.encode("ScoreRequest", {"id": "e-1", "memorySet": "set", "shape": [2, 2], "data": data,
                                                      "timestamp": vma_avro.millis_to_datetime(ts)})
        assert mine == theirs
        assert self.schemas.decode("ScoreRequest", mine)["id"] == "e-1"


class Images:
    """Packed 28x28 MNIST (or synthetic) images: train digits 0-8 for exemplars, test digits for events."""

    def __init__(self, exemplars=1000, events=500):
        self.train = [(label, pack_floats(data)) for label, data, _ in
                      produce.images("auto", "train", range(9), min(exemplars, 50000))]
        self.test = [(label, pack_floats(data)) for label, data, _ in
                     produce.images("auto", "test", range(10), min(events, 9000))]
        self.source = "mnist" if (produce.mnist_dir() / "t10k-images-idx3-ubyte").is_file() else "synthetic"

    def exemplar(self, n):
        return self.train[n % len(self.train)]

    def event(self, n):
        return self.test[n % len(self.test)]


def value_key(value):
    return hashlib.sha1(value).digest()


class Sender:
    """An idempotent (acks=all) producer that records, per tag, which deliveries succeeded."""

    def __init__(self, bootstrap, **config):
        settings = {"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5,
                    "message.max.bytes": 2 << 20}
        settings.update(config)
        self.producer = Producer(settings)
        self.acked = []  # tags, in delivery order
        self.failed = []  # (tag, error)
        self.sent = 0
        self.errors = []  # client-level errors (error_cb)

    def send(self, topic, key, value, tag=None, headers=None):
        def report(error, message, tag=tag):
            if error is None:
                self.acked.append(tag)
            else:
                self.failed.append((tag, str(error)))

        while True:
            try:
                self.producer.produce(topic, key=key, value=value, headers=headers, on_delivery=report)
                break
            except BufferError:
                self.producer.poll(0.05)
        self.sent += 1
        self.producer.poll(0)

    def poll(self, timeout=0):
        self.producer.poll(timeout)

    def flush(self, timeout=60):
        return self.producer.flush(timeout)


def paced(count, rate, start=None):
    """Sleeps so that item i is released at start + i / rate; yields i."""
    start = time.monotonic() if start is None else start
    for i in range(count):
        due = start + i / rate
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        yield i


def _assign_all(consumer, topic, timeout=60):
    deadline = time.monotonic() + timeout
    while True:
        metadata = consumer.list_topics(topic, timeout=10).topics.get(topic)
        if metadata is not None and metadata.error is None and metadata.partitions:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("topic %s does not exist" % topic)
        time.sleep(0.5)
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(metadata.partitions)])


READERS = []  # every TopicReader started: stop_readers() ends them after each scenario


def stop_readers():
    while READERS:
        READERS.pop().stop()


class TopicReader(threading.Thread):
    """Reads a topic from the beginning (read_committed) on a thread of its own and hands each
    message to `handle`."""

    def __init__(self, bootstrap, topic, name, **config):
        super().__init__(name=name, daemon=True)
        settings = {"bootstrap.servers": bootstrap, "group.id": "faults-" + name, "isolation.level": "read_committed",
                    "enable.auto.commit": False, "auto.offset.reset": "earliest", "enable.partition.eof": False,
                    "fetch.wait.max.ms": 50, "log.connection.close": False}
        settings.update(config)
        self.consumer = Consumer(settings)
        self.topic = topic
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.problems = []
        self.read = 0
        _assign_all(self.consumer, topic)

    def start(self):
        READERS.append(self)
        super().start()

    def run(self):
        try:
            while not self.stopping.is_set():
                for message in self.consumer.consume(1000, 0.1):
                    if message.error():
                        if message.error().code() != KafkaError._PARTITION_EOF:
                            with self.lock:
                                self.problems.append("%s consumer: %s" % (self.topic, message.error()))
                        continue
                    with self.lock:
                        self.read += 1
                        self.handle(message)
        finally:
            self.consumer.close()

    def handle(self, message):
        raise NotImplementedError

    def stop(self):
        self.stopping.set()
        if self.is_alive():
            self.join(30)


class ScoreReader(TopicReader):
    """Counts committed scores per event id (of ids starting with one of `prefixes`)."""

    def __init__(self, bootstrap, name, schemas, prefixes):
        super().__init__(bootstrap, "vma.scores", name)
        self.schemas = schemas
        self.prefixes = tuple(prefixes)
        self.counts = Counter()
        self.first_seen = {}  # event id -> monotonic time of its first score
        self.versions = Counter()  # model version -> scores
        self.by_id = {}  # event id -> last Score datum
        self.last_new = None

    def handle(self, message):
        key = message.key()
        event_id = key.decode("utf-8", "replace") if key else ""
        if not event_id.startswith(self.prefixes):
            return
        try:
            score = self.schemas.decode("Score", message.value())
        except vma_avro.UndecodableRecord as e:
            self.problems.append("undecodable score %s at %d/%d: %s" % (event_id, message.partition(),
                                                                       message.offset(), e))
            return
        if score["eventId"] != event_id:
            self.problems.append("score keyed %s names event %s" % (event_id, score["eventId"]))
        bound = score["bound"]
        if bound != bound or bound in (float("inf"), float("-inf")):
            self.problems.append("score of %s has bound %s" % (event_id, bound))
        self.counts[event_id] += 1
        if event_id not in self.first_seen:
            self.first_seen[event_id] = time.monotonic()
            self.last_new = self.first_seen[event_id]
        self.versions[score["modelVersion"]] += 1
        self.by_id[event_id] = score

    def scored(self, ids):
        with self.lock:
            return sum(1 for i in ids if self.counts[i])

    def first_after(self, moment):
        """Monotonic time of the first event first scored at or after `moment`, or None."""
        with self.lock:
            later = [t for t in self.first_seen.values() if t >= moment]
        return min(later) if later else None

    def new_since(self, moment):
        with self.lock:
            return sum(1 for t in self.first_seen.values() if t >= moment)

    def tally(self, ids):
        """(missing ids, {duplicated id: count}) over the given ids."""
        with self.lock:
            missing = [i for i in ids if not self.counts[i]]
            duplicated = {i: self.counts[i] for i in ids if self.counts[i] > 1}
        return missing, duplicated

    def wait_all(self, ids, timeout, grace=5.0, label="events"):
        """Until every id has a score (or timeout), then `grace` s more for duplicates. Returns seconds."""
        began = time.monotonic()
        deadline = began + timeout
        shown = began
        ids = list(ids)
        while time.monotonic() < deadline:
            done = self.scored(ids)
            if done == len(ids):
                break
            if time.monotonic() - shown > 10:
                shown = time.monotonic()
                print("[%s]   %d/%d %s scored" % (time.strftime("%H:%M:%S"), done, len(ids), label), flush=True)
            time.sleep(0.2)
        took = time.monotonic() - began
        time.sleep(grace)
        return took


class DeadLetterReader(TopicReader):
    """Keeps every committed dead letter, decoded."""

    def __init__(self, bootstrap, name, schemas):
        super().__init__(bootstrap, "vma.deadletter", name)
        self.schemas = schemas
        self.letters = []

    def handle(self, message):
        try:
            letter = self.schemas.decode("DeadLetter", message.value())
        except vma_avro.UndecodableRecord as e:
            self.problems.append("undecodable dead letter at %d/%d: %s" % (message.partition(), message.offset(), e))
            return
        self.letters.append(letter)

    def snapshot(self):
        with self.lock:
            return list(self.letters)


def letter_names(schemas, letter, prefixes):
    """The id of one of our records (id starting with a prefix) that a dead letter carries, or None."""
    value = letter.get("originalValue")
    if not value:
        return None
    for record in ("ScoreRequest", "Exemplar"):
        try:
            datum = schemas.decode(record, value)
        except vma_avro.UndecodableRecord:
            continue
        return datum["id"] if datum["id"].startswith(tuple(prefixes)) else None
    return None


def model_versions(bootstrap, timeout=30):
    """Every version on vma.models (key, version) read from the checkpoints' first field (no full decode)."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "faults-models-%d" % time.time_ns(),
                         "enable.auto.commit": False, "enable.partition.eof": True, "isolation.level": "read_committed",
                         "fetch.max.bytes": 80 << 20, "max.partition.fetch.bytes": 80 << 20,
                         "receive.message.max.bytes": 100 << 20})
    try:
        _assign_all(consumer, "vma.models")
        versions = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error():
                if message.error().code() == KafkaError._PARTITION_EOF:
                    break
                continue
            value = message.value()
            if value and len(value) > 10:
                version, _ = read_zigzag(value, 10)
                versions.append(((message.key() or b"").decode("utf-8", "replace"), version))
        return versions
    finally:
        consumer.close()
