"""Encode and decode vma-stream records from Python with the published .avsc files alone.

Every vma topic carries Avro *single-object encoding*:

    0xC3 0x01 | 8-byte CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form,
              |   little-endian
              | Avro binary body

There is no schema registry: a reader keeps every schema version it knows, indexed by
fingerprint, and resolves the writer's version (found by the fingerprint) to its own.

Why the canonical form and the fingerprint are computed here, not by python-avro: python-avro
1.11 (`schema.canonical_form`, `schema.fingerprint()`) gets the Parsing Canonical Form wrong for
any schema with a logical type. For {"type": "long", "logicalType": "timestamp-millis"} it strips
the logical type but keeps the object, writing {"type":"long"}, while the spec's [PRIMITIVES]
rule says a primitive is written as its bare name, "long" (what Java's
SchemaNormalization.toParsingForm writes). Its fingerprints therefore differ from Java's for
Exemplar, ScoreRequest, Score, DeadLetter and ModelCheckpoint (all have timestamps), and the
service would dead-letter such records as UNKNOWN_SCHEMA. python-avro is still used for the body
(DatumWriter/DatumReader, including schema resolution between versions).

Only the standard library and Debian's python3-avro (1.11) are needed. Schemas are read by path:
    <repo>/schemas/src/main/avro/*.avsc                      the current versions (written)
    <repo>/schemas/src/main/resources/avro-history/*.avsc    every version ever published (read)
<repo> is two folders above this file; override the folders with VMA_AVRO_DIR and
VMA_AVRO_HISTORY_DIR (e.g. after copying the .avsc files next to your own code).

Run `python3 vma_avro.py` to print every schema's fingerprint and run a self-test.
"""

import datetime
import io
import json
import os
import struct
from pathlib import Path

import avro.errors
import avro.io
import avro.schema

# ---------------------------------------------------------------------------------------------
# Parsing Canonical Form (https://avro.apache.org/docs/1.11.1/specification/#parsing-canonical-form-for-schemas)

PRIMITIVES = frozenset(["null", "boolean", "int", "long", "float", "double", "bytes", "string"])
NAMED = frozenset(["record", "error", "enum", "fixed"])
# [STRIP] and [ORDER]: only these attributes are kept, in this order.
KEPT = ("name", "type", "fields", "symbols", "items", "values", "size")


def _full_name(name, namespace):
    """[FULLNAMES]: a dotted name is already full; otherwise it lives in the enclosing namespace."""
    if "." in name or not namespace:
        return name
    return namespace + "." + name


def _canonical(schema, namespace, defined):
    if isinstance(schema, str):
        if schema in PRIMITIVES:
            return json.dumps(schema)
        # A reference to a named type defined before: relative to the enclosing namespace, else (like
        # Java's parser) a type of the null namespace.
        full = _full_name(schema, namespace)
        return json.dumps(full if full in defined or schema not in defined else schema)
    if isinstance(schema, list):  # a union
        return "[" + ",".join(_canonical(branch, namespace, defined) for branch in schema) + "]"
    if not isinstance(schema, dict) or "type" not in schema:
        raise ValueError("not an Avro schema: %r" % (schema,))
    kind = schema["type"]
    if not isinstance(kind, str):  # {"type": {...}} or {"type": [...]}: the inner schema is the type
        return _canonical(kind, namespace, defined)
    if kind in PRIMITIVES:
        # [PRIMITIVES]: {"type":"long", "logicalType":...} is written "long" (python-avro 1.11's bug)
        return json.dumps(kind)
    if kind not in NAMED and kind not in ("array", "map"):
        # a reference written as {"type": "SomeRecord"}
        return _canonical(kind, namespace, defined)
    parts = []
    if kind in NAMED:
        name = schema["name"]
        if "." not in name and "namespace" in schema:
            namespace = schema["namespace"] or None
        full = _full_name(name, namespace)
        if full in defined:  # a named type is written in full once, then by its name
            return json.dumps(full)
        defined.add(full)
        namespace = full.rpartition(".")[0] or None  # the namespace of everything nested
        parts.append('"name":' + json.dumps(full, ensure_ascii=False))
    parts.append('"type":' + json.dumps("record" if kind == "error" else kind))
    if kind in ("record", "error"):
        fields = []
        for field in schema["fields"]:
            fields.append('{"name":' + json.dumps(field["name"], ensure_ascii=False)
                          + ',"type":' + _canonical(field["type"], namespace, defined) + "}")
        parts.append('"fields":[' + ",".join(fields) + "]")
    elif kind == "enum":
        parts.append('"symbols":[' + ",".join(json.dumps(s, ensure_ascii=False) for s in schema["symbols"]) + "]")
    elif kind == "array":
        parts.append('"items":' + _canonical(schema["items"], namespace, defined))
    elif kind == "map":
        parts.append('"values":' + _canonical(schema["values"], namespace, defined))
    elif kind == "fixed":
        parts.append('"size":' + str(int(schema["size"])))
    return "{" + ",".join(parts) + "}"


def parsing_canonical_form(schema_json):
    """The Parsing Canonical Form of a schema given as JSON text or as parsed JSON (dict/list/str).

    Follows the spec like Java's SchemaNormalization.toParsingForm: attributes other than
    name/type/fields/symbols/items/values/size stripped (doc, default, aliases, logicalType, ...),
    full names, primitives as bare strings, attributes in that order, no whitespace, and a named
    type nested more than once written in full at its first occurrence and by its full name after.
    """
    if isinstance(schema_json, (str, bytes)) and not (isinstance(schema_json, str) and schema_json in PRIMITIVES):
        schema_json = json.loads(schema_json)
    return _canonical(schema_json, None, set())


# ---------------------------------------------------------------------------------------------
# CRC-64-AVRO (Rabin fingerprint), the spec's table algorithm

EMPTY = 0xC15D213AA4D7A795  # the fingerprint of no bytes, and the polynomial


def _table():
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
        table.append(fp)
    return table


_FP_TABLE = _table()


def crc64_avro(data):
    """CRC-64-AVRO of bytes, as an unsigned 64-bit int (crc64_avro(b"") == 0xc15d213aa4d7a795)."""
    fp = EMPTY
    for byte in data:
        fp = (fp >> 8) ^ _FP_TABLE[(fp ^ byte) & 0xFF]
    return fp


def fingerprint(schema_json):
    """CRC-64-AVRO of the UTF-8 Parsing Canonical Form: what a single-object header carries."""
    return crc64_avro(parsing_canonical_form(schema_json).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Single-object encoding

MARKER = b"\xc3\x01"
HEADER_LENGTH = 10


class UndecodableRecord(ValueError):
    """Bytes that are not a record of the expected type. `kind` is one of the service's own
    dead-letter types: BAD_HEADER, UNKNOWN_SCHEMA, INCOMPATIBLE_SCHEMA, CORRUPT_BODY."""

    def __init__(self, kind, message):
        super().__init__("%s: %s" % (kind, message))
        self.kind = kind


def _repo_root():
    return Path(__file__).resolve().parent.parent.parent


def default_avro_dir():
    return Path(os.environ.get("VMA_AVRO_DIR") or _repo_root() / "schemas" / "src" / "main" / "avro")


def default_history_dir():
    return Path(os.environ.get("VMA_AVRO_HISTORY_DIR")
                or _repo_root() / "schemas" / "src" / "main" / "resources" / "avro-history")


class KnownSchema:
    """One schema version: its JSON text, python-avro schema, canonical form and fingerprint."""

    def __init__(self, text, origin):
        self.text = text
        self.origin = origin
        self.json = json.loads(text)
        self.canonical_form = parsing_canonical_form(self.json)
        self.fingerprint = crc64_avro(self.canonical_form.encode("utf-8"))
        self.header = MARKER + struct.pack("<Q", self.fingerprint)
        self.avro = avro.schema.parse(text)  # a fresh name space per file: versions share names
        self.full_name = self.avro.fullname

    def __repr__(self):
        return "KnownSchema(%s, %016x, %s)" % (self.full_name, self.fingerprint, self.origin)


class Schemas:
    """The current schema of every record (for writing and as reader schema) and every known
    version (for reading), loaded from .avsc files."""

    def __init__(self, avro_dir=None, history_dir=None):
        avro_dir = Path(avro_dir) if avro_dir else default_avro_dir()
        history_dir = Path(history_dir) if history_dir else default_history_dir()
        if not avro_dir.is_dir():
            raise FileNotFoundError("no schema folder %s (set VMA_AVRO_DIR)" % avro_dir)
        self.current = {}  # short name ("Score") -> KnownSchema
        self.by_fingerprint = {}  # fingerprint -> KnownSchema
        history = sorted(history_dir.glob("*.avsc")) if history_dir.is_dir() else []
        for path in history + sorted(avro_dir.glob("*.avsc")):
            known = KnownSchema(path.read_text(encoding="utf-8"), str(path))
            self.by_fingerprint[known.fingerprint] = known
        for path in sorted(avro_dir.glob("*.avsc")):
            known = self.by_fingerprint[fingerprint(path.read_text(encoding="utf-8"))]
            self.current[known.avro.name] = known
        self._writers = {}
        self._readers = {}

    def schema(self, record):
        try:
            return self.current[record]
        except KeyError:
            raise KeyError("no schema for record %r; known: %s" % (record, ", ".join(sorted(self.current))))

    def encode(self, record, datum):
        """Single-object encoded bytes of `datum` (a dict) as the current schema of `record`
        (e.g. "Exemplar"). timestamp-millis fields take timezone-aware datetimes (see millis_to_datetime)."""
        known = self.schema(record)
        writer = self._writers.get(record)
        if writer is None:
            writer = self._writers[record] = avro.io.DatumWriter(known.avro)
        out = io.BytesIO()
        out.write(known.header)
        writer.write(datum, avro.io.BinaryEncoder(out))
        return out.getvalue()

    def decode(self, record, data):
        """A dict read as the current schema of `record` from single-object encoded bytes written
        with any known version of it. Raises UndecodableRecord saying what is wrong."""
        reader_schema = self.schema(record)
        if data is None or len(data) < HEADER_LENGTH:
            raise UndecodableRecord("BAD_HEADER", "%s bytes, shorter than the %d-byte single-object header"
                                    % ("no" if data is None else len(data), HEADER_LENGTH))
        if data[:2] != MARKER:
            raise UndecodableRecord("BAD_HEADER", "starts with 0x%02X 0x%02X instead of the single-object marker"
                                    " 0xC3 0x01" % (data[0], data[1]))
        fp = struct.unpack("<Q", data[2:10])[0]
        writer_schema = self.by_fingerprint.get(fp)
        if writer_schema is None:
            raise UndecodableRecord("UNKNOWN_SCHEMA", "writer schema fingerprint %016x is none of the %d known "
                                    "schema versions (a newer schema not yet in %s?)"
                                    % (fp, len(self.by_fingerprint), default_history_dir()))
        if writer_schema.full_name != reader_schema.full_name:
            raise UndecodableRecord("INCOMPATIBLE_SCHEMA", "the bytes hold a %s, not a %s"
                                    % (writer_schema.full_name, reader_schema.full_name))
        reader = self._readers.get((fp, record))
        if reader is None:
            reader = self._readers[(fp, record)] = avro.io.DatumReader(writer_schema.avro, reader_schema.avro)
        body = io.BytesIO(data)
        body.seek(HEADER_LENGTH)
        try:
            datum = reader.read(avro.io.BinaryDecoder(body))
        except avro.errors.SchemaResolutionException as e:
            raise UndecodableRecord("INCOMPATIBLE_SCHEMA", "cannot read %s as the current %s: %s"
                                    % (writer_schema.origin, record, e)) from e
        except Exception as e:  # truncated or malformed bodies raise many types
            raise UndecodableRecord("CORRUPT_BODY", "not a valid %s body: %s: %s"
                                    % (record, type(e).__name__, e)) from e
        extra = len(data) - body.tell()
        if extra:
            raise UndecodableRecord("CORRUPT_BODY", "%d unexpected bytes follow the %s" % (extra, record))
        return datum


def millis_to_datetime(millis):
    """A timestamp-millis value as python-avro wants it: an aware UTC datetime."""
    return datetime.datetime.fromtimestamp(millis / 1000.0, tz=datetime.timezone.utc)


def datetime_to_millis(value):
    """What python-avro returns for a timestamp-millis field, back to milliseconds since the epoch."""
    if isinstance(value, int):
        return value
    return int(round(value.timestamp() * 1000))


def now():
    """The current time, millisecond precision, as a timestamp-millis datum."""
    return millis_to_datetime(int(datetime.datetime.now(datetime.timezone.utc).timestamp() * 1000))


# ---------------------------------------------------------------------------------------------
# Kafka's murmur2: the service holds out a share of each set's exemplars as references (never in
# memory), chosen by murmur2(UTF-8 of set + "\0" + id) made positive, mod 10,000, below share * 10,000.

def murmur2(data):
    """Kafka's Utils.murmur2 of bytes, as a signed 32-bit int."""
    m, r = 0x5BD1E995, 24
    length = len(data)
    h = (0x9747B28C ^ length) & 0xFFFFFFFF
    for i in range(0, length - length % 4, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * m) & 0xFFFFFFFF
        k ^= k >> r
        k = (k * m) & 0xFFFFFFFF
        h = (h * m) & 0xFFFFFFFF
        h ^= k
    tail = length - length % 4
    extra = length % 4
    if extra == 3:
        h ^= data[tail + 2] << 16
    if extra >= 2:
        h ^= data[tail + 1] << 8
    if extra >= 1:
        h ^= data[tail]
        h = (h * m) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * m) & 0xFFFFFFFF
    h ^= h >> 15
    return h - (1 << 32) if h & 0x80000000 else h


def is_reference(memory_set, exemplar_id, share=0.1):
    """Whether the service (memory.reference.share = share) holds this exemplar out of memory."""
    if share == 0:
        return False
    key = (memory_set + "\0" + exemplar_id).encode("utf-8")
    return (murmur2(key) & 0x7FFFFFFF) % 10000 < share * 10000


# ---------------------------------------------------------------------------------------------

def _self_test(schemas):
    # Known answers from Java's Avro (SchemaNormalization.parsingFingerprint64, avro 1.12).
    assert crc64_avro(b"") == 0xC15D213AA4D7A795
    assert fingerprint('"int"') == 0x7275D51A3F395C8F
    assert fingerprint({"type": "long", "logicalType": "timestamp-millis"}) == 0xD054E14493F41DB7
    nested = {"type": "record", "name": "T", "namespace": "a.b", "doc": "d", "fields": [
        {"name": "t", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "n", "type": {"type": "record", "name": "N", "fields": [{"name": "x", "type": "int", "default": 3}]}},
        {"name": "n2", "type": "N"},
        {"name": "e", "type": {"type": "enum", "name": "c.E", "symbols": ["A", "B"]}},
        {"name": "e2", "type": {"type": "array", "items": "c.E"}},
        {"name": "f", "type": {"type": "fixed", "name": "F", "size": 4, "namespace": ""}},
        {"name": "m", "type": {"type": "map", "values": ["null", "F", {"type": "string", "avro.java.string": "String"}]}}]}
    assert parsing_canonical_form(nested) == (
        '{"name":"a.b.T","type":"record","fields":[{"name":"t","type":"long"},{"name":"n","type":{"name":"a.b.N",'
        '"type":"record","fields":[{"name":"x","type":"int"}]}},{"name":"n2","type":"a.b.N"},{"name":"e","type":'
        '{"name":"c.E","type":"enum","symbols":["A","B"]}},{"name":"e2","type":{"type":"array","items":"c.E"}},'
        '{"name":"f","type":{"name":"F","type":"fixed","size":4}},{"name":"m","type":{"type":"map","values":'
        '["null","F","string"]}}]}'), parsing_canonical_form(nested)
    assert fingerprint(nested) == 0xD133BFEB8A5B17D7
    assert [murmur2(s.encode("utf-8")) for s in ("", "vma", "py-digits\0x-1", "abcde", "ab\u00e9c")] == [
        275646681, -457370373, -1624748453, 461995741, -1104688888]  # Kafka's Utils.murmur2

    # Round trips, and a Score written by the oldest history version read as the current one.
    request = {"id": "e1", "memorySet": "s", "shape": [2], "data": [0.0, 1.0], "timestamp": now()}
    back = schemas.decode("ScoreRequest", schemas.encode("ScoreRequest", request))
    assert back["id"] == "e1" and back["data"] == [0.0, 1.0]
    assert datetime_to_millis(back["timestamp"]) == datetime_to_millis(request["timestamp"])
    scores = [k for k in schemas.by_fingerprint.values() if k.avro.name == "Score"]
    oldest = min(scores, key=lambda k: len(k.avro.fields))
    score = {"eventId": "e1", "memorySet": "s", "modelVersion": 3, "memoryVersion": 4, "memorySize": 5,
             "bound": -90.5, "k": 4, "reconstruction": -80.0, "klAddress": 1.0, "klLatent": 9.5,
             "topAddresses": [{"exemplarId": "x", "label": "7", "probability": 0.9}], "predictedLabel": "7",
             "predictedProbability": 0.9, "anomaly": False, "anomalyThreshold": -160.0, "latencyMillis": 1.5,
             "timestamp": now()}
    out = io.BytesIO()
    out.write(oldest.header)
    avro.io.DatumWriter(oldest.avro).write(score, avro.io.BinaryEncoder(out))
    read = schemas.decode("Score", out.getvalue())
    assert read["eventId"] == "e1" and read["pValue"] is None and read["bound"] == -90.5
    for bad, kind in ((b"\xc3", "BAD_HEADER"), (b"\x00\x01" + bytes(8), "BAD_HEADER"),
                      (MARKER + bytes(8) + b"\x00", "UNKNOWN_SCHEMA"),
                      (schemas.schema("Exemplar").header + b"\x02", "INCOMPATIBLE_SCHEMA"),
                      (schemas.schema("Score").header + b"\x02", "CORRUPT_BODY")):
        try:
            schemas.decode("Score", bad)
            raise AssertionError("decoded %r" % bad)
        except UndecodableRecord as e:
            assert e.kind == kind, (bad, e)
    return len(scores)


if __name__ == "__main__":
    loaded = Schemas()
    for known in sorted(loaded.by_fingerprint.values(), key=lambda k: k.origin):
        python_avro = crc64_avro(known.avro.canonical_form.encode("utf-8"))  # its own canonical form
        print("%016x  %-45s%s" % (known.fingerprint, os.path.relpath(known.origin, _repo_root()),
                                  "" if python_avro == known.fingerprint
                                  else "  (python-avro 1.11 would say %016x)" % python_avro))
    print("self-test passed (%d Score versions known)" % _self_test(loaded))
