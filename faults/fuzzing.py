"""Bad records for the fuzz scenario, each with the dead-letter type the service should give it, and
the matching of dead letters back to them (by original key + value bytes)."""

import hashlib
import math
import struct
from collections import Counter

import kafka_io
import vma_avro
from kafka_io import avro_string, float_array, int_array, pack_floats, zigzag

MAX_VALUES = 4096  # serve runs with -s memory.max.values=4096: records above 4*4096 + 64 KiB bytes are OVERSIZED
MAX_RECORD_BYTES = 4 * MAX_VALUES + (64 << 10)
DIM16_SET = "fz-dim16"
EMPTY_SET = "fz-empty"
EXEMPLARS, EVENTS = "vma.exemplars", "vma.events"


class Record:
    __slots__ = ("topic", "key", "value", "headers", "tag", "kind", "expect")

    def __init__(self, topic, key, value, tag, kind, expect=None, headers=None):
        self.topic, self.key, self.value, self.tag, self.kind, self.expect, self.headers = (
            topic, key, value, tag, kind, expect, headers)


def match_key(key, value):
    h = hashlib.sha1()
    h.update(b"K" + (key or b""))  # a null key and an empty key are both "no memory set"
    h.update(b"\x00null" if value is None else b"\x01" + value)
    return h.digest()


class Maker:
    def __init__(self, ctx, prefix, good_set, rng):
        self.ctx = ctx
        self.codec = ctx.codec
        self.prefix = prefix
        self.good_set = good_set
        self.key = good_set.encode("utf-8")
        self.rng = rng
        self.n = 0
        self.good = {good_set: [], DIM16_SET: []}  # memory set -> good exemplar ids sent (kept)
        self.known_fingerprints = set(ctx.schemas.by_fingerprint)
        self.exemplar_n = 0
        self.event_n = 0

    def tag(self):
        self.n += 1
        return "%s-bad%d" % (self.prefix, self.n)

    def image(self):
        _, packed = self.ctx.images.event(self.rng.randrange(1000))
        return packed

    def good_exemplar(self, memory_set=None):
        memory_set = memory_set or self.good_set
        exemplar_id = "%s-good-x%d" % (self.prefix, self.exemplar_n)
        label, packed = self.ctx.images.exemplar(self.exemplar_n)
        self.exemplar_n += 1
        if memory_set == DIM16_SET:
            packed = pack_floats([self.rng.random() for _ in range(16)])
            shape = [16]
        else:
            shape = [28, 28]
        self.good[memory_set].append(exemplar_id)
        return Record(EXEMPLARS, memory_set.encode("utf-8"),
                      self.codec.exemplar(exemplar_id, memory_set, label, packed, shape=shape), exemplar_id,
                      "good-exemplar")

    def good_event(self):
        event_id = "%s-good-e%d" % (self.prefix, self.event_n)
        self.event_n += 1
        return Record(EVENTS, self.key, self.codec.event(event_id, self.good_set, self.image()), event_id, "good-event")

    def expected_memory(self):
        """memory set -> (ids for memory, ids for references) of the good exemplars sent."""
        out = {}
        for memory_set, ids in self.good.items():
            memory = [i for i in ids if not vma_avro.is_reference(memory_set, i)]
            references = [i for i in ids if vma_avro.is_reference(memory_set, i)]
            out[memory_set] = (memory, references)
        out[EMPTY_SET] = ([], [])
        return out

    # ---------------------------------------------------------------- phase 1

    def phase1(self):
        records = [self.good_exemplar() for _ in range(200)]
        records += [self.good_exemplar(DIM16_SET) for _ in range(30)]
        for i in range(10):
            exemplar_id = "%s-empty-x%d" % (self.prefix, i)
            label, packed = self.ctx.images.exemplar(i)
            records.append(Record(EXEMPLARS, EMPTY_SET.encode(), self.codec.exemplar(exemplar_id, EMPTY_SET, label,
                                                                                     packed), exemplar_id, "setup"))
        records.append(Record(EXEMPLARS, EMPTY_SET.encode(), None, self.prefix + "-clear", "setup"))  # clears the set
        return records

    # ---------------------------------------------------------------- phase 2

    def phase2(self, bad, events, extra_exemplars):
        makers = self.kinds()
        heavy = [k for k in makers if k[0].endswith("oversized-raw") or k[0].endswith("oversized-encoded")]
        light = [k for k in makers if k not in heavy]
        records = []
        per_heavy = 40
        for kind, topic, expect, make in heavy:
            for _ in range(per_heavy):
                records.append(self._make(kind, topic, expect, make))
        left = bad - len(records)
        for i in range(left):
            kind, topic, expect, make = light[i % len(light)]
            records.append(self._make(kind, topic, expect, make))
        records += [self.good_event() for _ in range(events)]
        records += [self.good_exemplar() for _ in range(extra_exemplars)]
        self.rng.shuffle(records)
        return records

    def _make(self, kind, topic, expect, make):
        tag = self.tag()
        key, value = make(tag)
        return Record(topic, key, value, tag, kind, expect)

    # every kind: (name, topic, expected errorType, make(tag) -> (key, value))
    def kinds(self):
        c = self.codec
        rng = self.rng
        key = self.key
        gs = self.good_set

        def ex(tag, memory_set=gs, label="3", packed=None, shape=(28, 28), exemplar_id=None):
            return c.exemplar(exemplar_id if exemplar_id is not None else tag, memory_set, label,
                              packed if packed is not None else self.image(), shape=list(shape), source=tag)

        def ev(tag, memory_set=gs, packed=None, shape=(28, 28)):
            return c.event(tag, memory_set, packed if packed is not None else self.image(), shape=list(shape))

        def random_bytes(n):
            return bytes(rng.getrandbits(8) for _ in range(n))

        def not_marker(tag):
            body = random_bytes(rng.randrange(11, 300))
            first = rng.choice([b for b in range(256) if b != 0xC3])
            return bytes([first]) + body[1:]

        def short(tag):
            return b"\xc3\x01" + random_bytes(rng.randrange(2, 8))

        def unknown_fp(make):
            def f(tag):
                while True:
                    fp = rng.getrandbits(64)
                    if fp not in self.known_fingerprints:
                        break
                return b"\xc3\x01" + struct.pack("<Q", fp) + make(tag)[10:]
            return f

        def truncated(make):
            def f(tag):
                full = make(tag)
                return full[:rng.randrange(10, len(full) - 1)]
            return f

        def trailing(make):
            return lambda tag: make(tag) + random_bytes(rng.randrange(1, 20))

        def absurd_string(header):
            # the first field (id) claims 2^40 bytes
            return lambda tag: header + zigzag(1 << 40) + tag.encode()

        def absurd_array_ex(tag):
            # a valid id, set, label, then a shape array claiming 2^31-1 items
            return (c.exemplar_header + avro_string(tag) + avro_string(gs) + b"\x00" + zigzag((1 << 31) - 1)
                    + zigzag(28) * 3)

        def absurd_array_ev(tag):
            return c.event_header + avro_string(tag) + avro_string(gs) + int_array([28, 28]) + zigzag((1 << 40)) + b"\x00"

        def negative_block(header_and_prefix):
            # an array block with a negative count (Avro: -count, then the block size in bytes) that lies
            return lambda tag: (key, header_and_prefix(tag) + zigzag(-784) + zigzag(1 << 50) + b"\x00" * 16)

        def with_value(v, n=784):
            def packed():
                values = [rng.random() for _ in range(n)]
                values[rng.randrange(n)] = v
                return pack_floats(values)
            return packed

        def oversized_raw(header):
            return lambda tag: header + tag.encode() + random_bytes(MAX_RECORD_BYTES + 1000)

        def many(n):
            return pack_floats([0.5] * n)

        def unknown_set(tag):
            memory_set = "fz-unknown-%d" % (int(tag.rsplit("bad", 1)[1]) % 8)
            return memory_set.encode(), ev(tag, memory_set=memory_set)

        nan, inf = float("nan"), float("inf")
        kinds = []
        for topic, header, good, prefix_type, incompatible in (
                (EXEMPLARS, c.exemplar_header, ex, "INVALID_EXEMPLAR", lambda tag: ev(tag)),
                (EVENTS, c.event_header, ev, "INVALID_EVENT", lambda tag: ex(tag))):
            t = "ex" if topic == EXEMPLARS else "ev"
            invalid = prefix_type
            kinds += [
                (t + "-random-bytes", topic, "BAD_HEADER", lambda tag: (key, not_marker(tag))),
                (t + "-short-header", topic, "BAD_HEADER", lambda tag: (key, short(tag))),
                (t + "-empty-value", topic, "BAD_HEADER", lambda tag: (b"fz-empty-value", b"")),
                (t + "-unknown-fingerprint", topic, "UNKNOWN_SCHEMA", (lambda f: lambda tag: (key, f(tag)))(
                    unknown_fp(good))),
                (t + "-other-record", topic, "INCOMPATIBLE_SCHEMA", (lambda f: lambda tag: (key, f(tag)))(
                    incompatible)),
                (t + "-truncated", topic, "CORRUPT_BODY", (lambda f: lambda tag: (key, f(tag)))(truncated(good))),
                (t + "-trailing-bytes", topic, "CORRUPT_BODY", (lambda f: lambda tag: (key, f(tag)))(trailing(good))),
                (t + "-absurd-string-length", topic, "CORRUPT_BODY", (lambda f: lambda tag: (key, f(tag)))(
                    absurd_string(header))),
                (t + "-absurd-array-length", topic, "CORRUPT_BODY",
                 (lambda f: lambda tag: (key, f(tag)))(absurd_array_ex if topic == EXEMPLARS else absurd_array_ev)),
                (t + "-oversized-raw", topic, "OVERSIZED", (lambda f: lambda tag: (key, f(tag)))(oversized_raw(header))),
                (t + "-oversized-encoded", topic, "OVERSIZED",
                 (lambda g: lambda tag: (key, g(tag, packed=many(21000), shape=(21000,))))(good)),
                (t + "-too-many-values", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=many(MAX_VALUES + 16), shape=(MAX_VALUES + 16,))))(good)),
                (t + "-nan", topic, invalid, (lambda g: lambda tag: (key, g(tag, packed=with_value(nan)())))(good)),
                (t + "-plus-infinity", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=with_value(inf)())))(good)),
                (t + "-minus-infinity", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=with_value(-inf)())))(good)),
                (t + "-value-above-1", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=with_value(255.0)())))(good)),
                (t + "-negative-value", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=with_value(-0.5)())))(good)),
                (t + "-negative-shape", topic, invalid, (lambda g: lambda tag: (key, g(tag, shape=(-28, -28))))(good)),
                (t + "-absurd-shape", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, shape=((1 << 31) - 1, (1 << 31) - 1))))(good)),
                (t + "-shape-disagrees", topic, invalid, (lambda g: lambda tag: (key, g(tag, shape=(28, 29))))(good)),
                (t + "-empty-shape", topic, invalid, (lambda g: lambda tag: (key, g(tag, shape=())))(good)),
                (t + "-no-values", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, packed=b"", shape=(0,))))(good)),
                (t + "-null-key", topic, invalid, (lambda g: lambda tag: (None, g(tag)))(good)),
                (t + "-blank-key", topic, invalid, (lambda g: lambda tag: (b" ", g(tag, memory_set=" ")))(good)),
                (t + "-nul-in-key", topic, invalid,
                 (lambda g: lambda tag: (b"fz\x00digits", g(tag, memory_set="fz\x00digits")))(good)),
                (t + "-key-names-other-set", topic, invalid,
                 (lambda g: lambda tag: (key, g(tag, memory_set="fz-other")))(good)),
            ]
            if topic == EXEMPLARS:
                kinds += [
                    ("ex-wrong-dimension", topic, invalid,
                     lambda tag: (key, ex(tag, packed=pack_floats([0.5] * 100), shape=(10, 10)))),
                    ("ex-blank-id", topic, invalid, lambda tag: (key, ex(tag, exemplar_id="  "))),
                    ("ex-negative-block-count", topic, "CORRUPT_BODY", negative_block(
                        lambda tag: c.exemplar_header + avro_string(tag) + avro_string(gs) + b"\x00"
                        + int_array([28, 28]))),
                ]
            else:
                kinds += [
                    ("ev-wrong-dimension", topic, "WRONG_DIMENSION",
                     lambda tag: (key, ev(tag, packed=pack_floats([0.5] * 100), shape=(10, 10)))),
                    ("ev-tombstone", topic, "INVALID_EVENT", lambda tag: (key, None)),
                    ("ev-unknown-memory-set", topic, "UNKNOWN_MEMORY_SET", unknown_set),
                    ("ev-empty-memory", topic, "EMPTY_MEMORY",
                     lambda tag: (EMPTY_SET.encode(), ev(tag, memory_set=EMPTY_SET))),
                    ("ev-dimension-mismatch", topic, "DIMENSION_MISMATCH",
                     lambda tag: (DIM16_SET.encode(), ev(tag, memory_set=DIM16_SET,
                                                         packed=pack_floats([0.5] * 16), shape=(16,)))),
                    ("ev-negative-block-count", topic, "CORRUPT_BODY", negative_block(
                        lambda tag: c.event_header + avro_string(tag) + avro_string(gs) + int_array([28, 28]))),
                ]
        return kinds


def expectations(bad):
    """match key -> [records], for every bad record."""
    out = {}
    for record in bad:
        out.setdefault(match_key(record.key, record.value), []).append(record)
    return out


class Matched:
    def __init__(self):
        self.found = 0
        self.right = 0
        self.wrong = []  # "kind tag: expected X, got Y (reason)"
        self.missing = Counter()  # kind -> records never dead-lettered
        self.extra = Counter()  # kind -> dead letters beyond one per record
        self.unmatched = []  # dead letters of no bad record
        self.by_type = Counter()
        self.per_kind = {}  # kind -> Counter of error types seen
        self.missing_tags = []
        self.extra_tags = []

    def table(self, bad):
        sent = Counter(r.kind for r in bad)
        expect = {r.kind: (r.topic, r.expect) for r in bad}
        lines = ["%-30s %-14s %-20s %6s  %s" % ("kind", "topic", "expected", "sent", "dead letters by type")]
        for kind in sorted(sent):
            topic, expected = expect[kind]
            seen = self.per_kind.get(kind, Counter())
            lines.append("%-30s %-14s %-20s %6d  %s" % (kind, topic, expected, sent[kind],
                                                        ", ".join("%s %d" % kv for kv in sorted(seen.items())) or "-"))
        return lines

    def describe_missing(self, bad):
        return self.missing_tags

    def describe_extra(self, bad):
        return self.extra_tags


def match(letters, expected):
    """Assigns each dead letter to one of the bad records with its key and value bytes."""
    m = Matched()
    remaining = {k: list(v) for k, v in expected.items()}
    seen_once = {}
    for letter in letters:
        k = match_key(letter.get("originalKey"), letter.get("originalValue"))
        m.by_type[letter["errorType"]] += 1
        if k not in expected:
            m.unmatched.append(letter)
            continue
        candidates = remaining.get(k)
        if not candidates:
            record = expected[k][0]
            m.extra[record.kind] += 1
            m.extra_tags.append("%s %s (%s)" % (record.kind, record.tag, letter["errorType"]))
            continue
        record = candidates.pop()
        m.found += 1
        m.per_kind.setdefault(record.kind, Counter())[letter["errorType"]] += 1
        if letter["errorType"] == record.expect:
            m.right += 1
        else:
            m.wrong.append("%s %s: expected %s, got %s (%s)" % (record.kind, record.tag, record.expect,
                                                               letter["errorType"], letter["reason"][:200]))
    for k, records in remaining.items():
        for record in records:
            m.missing[record.kind] += 1
            m.missing_tags.append("%s %s" % (record.kind, record.tag))
    return m
