"""What every scenario shares: its context (sizes, launcher, codec), its result, and the usual steps
(start a cluster, load exemplars, wait for a model, send events at a rate)."""

import random
import re
import threading
import time

import kafka_io
import procs
import vma_avro
from procs import Cluster, log

TRAINER_SETTINGS = ["trainer.publish.interval.ms=5000", "trainer.publish.steps=50"]
PUBLISHED = re.compile(r"published version (\d+) of model (\S+) \((\w+)")
RESUMED = re.compile(r"model (\S+): training from (.*?) at step (\d+) \(")


class Context:
    def __init__(self, args, work, vma, env, run_id):
        self.args = args
        self.ci = args.ci
        self.work = work
        self.vma = vma
        self.env = env
        self.run = run_id
        self.schemas = vma_avro.Schemas()
        self.codec = kafka_io.Codec(self.schemas)
        self._images = None
        self.clusters = []
        self.rng = random.Random(args.seed)

    @property
    def images(self):
        if self._images is None:
            self._images = kafka_io.Images(exemplars=2000, events=1000)
        return self._images

    def cluster(self, name):
        cluster = Cluster(self.work, self.vma, self.env, name)
        self.clusters.append(cluster)
        return cluster


class Result:
    """A scenario's outcome: PASS unless a check failed; figures for the table and the printout."""

    def __init__(self, name):
        self.name = name
        self.failures = []
        self.notes = []
        self.figures = {}  # printed, in order
        self.row = {"events": "-", "exemplars": "-", "kills": "-", "lost": "-", "duplicated": "-",
                    "dead letters": "-", "recovery / restore s": "-"}
        self.seconds = 0.0
        self.cluster = None

    @property
    def ok(self):
        return not self.failures

    def check(self, condition, failure):
        if not condition:
            self.failures.append(failure)
        return condition

    def fig(self, key, value):
        self.figures[key] = value

    def note(self, text):
        self.notes.append(text)


def start_cluster(ctx, name, serve_settings=(), trainer=True, trainer_settings=(), serve_heap=None):
    cluster = ctx.cluster(name)
    cluster.start_broker()
    cluster.start_serve(list(serve_settings), wait=False, heap=serve_heap)
    if trainer:
        cluster.start_trainer(TRAINER_SETTINGS + list(trainer_settings))
    cluster.wait_serve(240)
    log("%s: serve RUNNING at %s" % (name, cluster.http))
    return cluster


def split_references(memory_set, ids):
    memory = [i for i in ids if not vma_avro.is_reference(memory_set, i)]
    references = [i for i in ids if vma_avro.is_reference(memory_set, i)]
    return memory, references


def load_exemplars(ctx, cluster, memory_set, prefix, count, start=0, wait=True, timeout=180, baseline=(0, 0)):
    """Sends `count` exemplars (ids prefix-x<n>), flushes, and waits until /memory/<set> shows them
    all offered (memory and references; `baseline` = offers already there). Returns the ids."""
    sender = kafka_io.Sender(cluster.bootstrap)
    ids = []
    key = memory_set.encode("utf-8")
    for n in range(start, start + count):
        exemplar_id = "%s-x%d" % (prefix, n)
        label, packed = ctx.images.exemplar(n)
        sender.send("vma.exemplars", key, ctx.codec.exemplar(exemplar_id, memory_set, label, packed,
                                                              source="faults"), tag=exemplar_id)
        ids.append(exemplar_id)
    left = sender.flush(300)
    if left or sender.failed:
        raise RuntimeError("exemplars of %s not delivered: %d queued, %d failed (%s)"
                           % (memory_set, left, len(sender.failed), sender.failed[:1]))
    if wait:
        memory, references = split_references(memory_set, ids)
        cluster.wait_memory(memory_set, baseline[0] + len(memory),
                            (baseline[1] + len(references)) if references else None, timeout)
    return ids


def wait_model(cluster, timeout=240, minimum=0):
    body = cluster.wait_health(lambda h: h.get("modelVersion", -1) >= minimum, timeout,
                               "model version >= %d" % minimum)
    return body["modelVersion"]


def published_versions(proc, since=0):
    return [int(m.group(1)) for m in PUBLISHED.finditer(proc.text_since(since))]


def wait_published(proc, minimum, timeout, since=0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        versions = published_versions(proc, since)
        if versions and max(versions) >= minimum:
            return versions
        if not proc.alive():
            raise procs.ProcessDied("%s exited (code %s) before publishing version >= %d"
                                    % (proc.name, proc.exit_code, minimum))
        time.sleep(0.5)
    raise TimeoutError("%s published no version >= %d in %.0f s (saw %s)"
                       % (proc.name, minimum, timeout, published_versions(proc, since)))


class EventPump(threading.Thread):
    """Sends events at `rate` per second (ids prefix-e<n>) until stopped (and at least `minimum`
    sent), or `maximum` sent. Exemplars too, one every `exemplar_every` events, when asked."""

    def __init__(self, ctx, sender, memory_set, prefix, rate, minimum=0, maximum=10 ** 9, exemplar_every=0,
                 exemplar_start=0):
        super().__init__(name="pump-" + prefix, daemon=True)
        self.ctx = ctx
        self.sender = sender
        self.memory_set = memory_set
        self.key = memory_set.encode("utf-8")
        self.prefix = prefix
        self.rate = rate
        self.minimum = minimum
        self.maximum = maximum
        self.exemplar_every = exemplar_every
        self.exemplar_start = exemplar_start
        self.stopping = threading.Event()
        self.event_ids = []
        self.exemplar_ids = []
        self.began = None
        self.ended = None
        self.error = None

    def run(self):
        try:
            self.began = time.monotonic()
            n = 0
            while n < self.maximum and not (self.stopping.is_set() and n >= self.minimum):
                delay = self.began + n / self.rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                event_id = "%s-e%d" % (self.prefix, n)
                _, packed = self.ctx.images.event(n)
                self.sender.send("vma.events", self.key, self.ctx.codec.event(event_id, self.memory_set, packed),
                                 tag=event_id)
                self.event_ids.append(event_id)
                if self.exemplar_every and n % self.exemplar_every == 0:
                    m = self.exemplar_start + len(self.exemplar_ids)
                    exemplar_id = "%s-x%d" % (self.prefix, m)
                    label, packed = self.ctx.images.exemplar(m)
                    self.sender.send("vma.exemplars", self.key,
                                     self.ctx.codec.exemplar(exemplar_id, self.memory_set, label, packed),
                                     tag=exemplar_id)
                    self.exemplar_ids.append(exemplar_id)
                n += 1
            self.ended = time.monotonic()
        except Exception as e:  # reported by the scenario
            self.error = e
            self.ended = time.monotonic()

    def stop(self):
        self.stopping.set()
        self.join()
        if self.error:
            raise self.error

    def achieved_rate(self):
        if not self.began or not self.ended or self.ended <= self.began:
            return 0.0
        return len(self.event_ids) / (self.ended - self.began)


def send_events(ctx, sender, memory_set, prefix, count, rate, start=0):
    """Sends `count` events at `rate`/s on this thread, flushes; returns the ids."""
    key = memory_set.encode("utf-8")
    ids = []
    for i in kafka_io.paced(count, rate):
        event_id = "%s-e%d" % (prefix, start + i)
        _, packed = ctx.images.event(start + i)
        sender.send("vma.events", key, ctx.codec.event(event_id, memory_set, packed), tag=event_id)
        ids.append(event_id)
    left = sender.flush(120)
    if left:
        raise RuntimeError("%d events of %s still queued after 120 s" % (left, memory_set))
    return ids


def ours_in_dead_letters(ctx, letters, prefixes):
    out = []
    for letter in letters:
        named = kafka_io.letter_names(ctx.schemas, letter, prefixes)
        if named:
            out.append("%s: %s (%s)" % (named, letter["errorType"], letter["reason"]))
    return out


def show(items, n=10):
    items = list(items)
    text = ", ".join(str(i) for i in items[:n])
    return text + (" ... (%d in all)" % len(items) if len(items) > n else "")


def check_scores(result, reader, ids, what="events"):
    missing, duplicated = reader.tally(ids)
    result.check(not missing, "%d %s without a committed score: %s" % (len(missing), what, show(missing)))
    result.check(not duplicated, "%d %s with more than one committed score: %s"
                 % (len(duplicated), what, show("%s x%d" % kv for kv in duplicated.items())))
    return missing, duplicated


def out_of_memory(cluster, roles):
    """[(log name, first stack frame)] of every OutOfMemoryError in these roles' logs."""
    found = []
    for role in roles:
        for proc in cluster.history[role]:
            lines = proc.text().splitlines()
            for i, line in enumerate(lines):
                if "java.lang.OutOfMemoryError" in line and line.startswith("java.lang.OutOfMemoryError"):
                    frame = next((l.strip() for l in lines[i + 1:i + 3] if l.strip().startswith("at ")), "?")
                    found.append((proc.log_path.name, frame))
    return found


def check_no_errors(result, cluster, roles, label=None):
    oom = out_of_memory(cluster, roles)
    if oom:
        frames = sorted(set(f for _, f in oom if f != "?")) or ["(no frame logged)"]
        result.check(False, "%d OutOfMemoryError(s) in %s, thrown %s" % (
            len(oom), ", ".join(sorted(set(n for n, _ in oom))), "; ".join(frames[:3])))
    errors = cluster.error_lines(roles)
    for name, lines in errors.items():
        result.check(False, "%s has %d ERROR line(s)%s: %s" % (name, len(lines), label or "", lines[0][:600]))
        for line in lines[:10]:
            result.note("%s: %s" % (name, line[:2000]))
    return errors
