#!/usr/bin/python3
"""End-to-end check of the Python client against a running vma service (broker + serve + trainer).

1. sends N exemplars (digits 0-8) to memory set py-digits with produce.py's Sender (librdkafka's
   default partitioner, unlike the Java clients' murmur2);
2. waits until the scorer's memory holds them (GET <http>/memory/py-digits: every exemplar not held
   out as a reference has been offered), or, without an HTTP endpoint, a fixed time;
3. sends M events (all digits, so unseen 9s too) with ids unique to this run;
4. reads vma.scores (read_committed) and vma.deadletter from the beginning until every event has
   a score, and a few seconds more to catch duplicates.

Exits 0 only if every event id got exactly one score, every score decodes and names py-digits, and
no dead letter names one of this run's records; prints the counts either way.

    /usr/bin/python3 e2e_check.py --bootstrap-servers 127.0.0.1:9092 --http http://127.0.0.1:8080
"""

import argparse
import json
import math
import os
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter

from confluent_kafka import KafkaError, OFFSET_BEGINNING, TopicPartition

import consume_scores
import produce
import vma_avro


def log(text):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), text), flush=True)


def http_json(url, token=None, timeout=5):
    """(status, parsed JSON or None); status 0 when nothing answers."""
    request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        return e.code, None
    except (urllib.error.URLError, OSError, ValueError):
        return 0, None


def memory_state(base, memory_set, token):
    status, body = http_json("%s/memory/%s" % (base, urllib.request.quote(memory_set, safe="")), token)
    return status, body


def wait_for_streams(base, token, timeout):
    """Poll /health until the scorer's Kafka Streams application is RUNNING (or timeout)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, body = http_json(base + "/health", token)
        if status == 200 and body and body.get("streams") == "RUNNING":
            return body
        time.sleep(0.5)
    log("the scorer's streams are not RUNNING after %.0f s; going on" % timeout)
    return None


def wait_for_memory(base, memory_set, token, baseline_offered, expected, timeout):
    """Poll until memory_set has been offered `expected` more exemplars; returns its last state."""
    deadline = time.monotonic() + timeout
    state, status, shown = None, 0, None
    while time.monotonic() < deadline:
        status, body = memory_state(base, memory_set, token)
        if status == 200 and body:
            state = body
            if body.get("offered", 0) - baseline_offered >= expected:
                return state
        if status == 401:
            log("the HTTP endpoint wants a token (--http-token or VMA_HTTP_TOKEN)")
            return None
        now = (status, state and state.get("offered"))
        if now != shown:
            log("memory %s: HTTP %s, %s" % (memory_set, status or "unreachable",
                                            "offered %s so far" % state.get("offered") if state else "no state yet"))
            shown = now
        time.sleep(0.5)
    log("memory %s did not reach %d offered exemplars in %.0f s (last: HTTP %s, %s); going on"
        % (memory_set, baseline_offered + expected, timeout, status, state))
    return state


def assign_from_beginning(consumer, topic, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        metadata = consumer.list_topics(topic, timeout=10).topics.get(topic)
        if metadata is not None and metadata.error is None and metadata.partitions:
            break
        if time.monotonic() > deadline:
            raise RuntimeError("topic %s does not exist on the broker" % topic)
        time.sleep(0.5)
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(metadata.partitions)])
    return len(metadata.partitions)


def dead_letter_names_ours(schemas, letter, prefix):
    """Why a DeadLetter concerns one of this run's records (its original value is one of ours), or None."""
    value = letter.get("originalValue")
    if not value:
        return None
    for record in ("ScoreRequest", "Exemplar"):
        try:
            datum = schemas.decode(record, value)
        except vma_avro.UndecodableRecord:
            continue
        return "%s %s" % (record, datum["id"]) if datum["id"].startswith(prefix + "-") else None
    if prefix.encode("utf-8") in value:  # ours, but no longer decodable?
        return "undecodable value holding %s" % prefix
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--http", default="http://127.0.0.1:8080", help="the scorer's HTTP endpoint ('' for none)")
    parser.add_argument("--http-token", default=os.environ.get("VMA_HTTP_TOKEN", ""))
    parser.add_argument("--memory-set", default="py-digits")
    parser.add_argument("--exemplars", type=int, default=300)
    parser.add_argument("--events", type=int, default=400)
    parser.add_argument("--source", choices=["auto", "mnist", "synthetic"], default="auto")
    parser.add_argument("--reference-share", type=float, default=0.1,
                        help="the service's memory.reference.share (exemplars held out of memory)")
    parser.add_argument("--memory-timeout", type=float, default=60)
    parser.add_argument("--score-timeout", type=float, default=120, help="seconds for all scores to arrive")
    parser.add_argument("--grace", type=float, default=3, help="seconds to go on reading for duplicates")
    args = parser.parse_args(argv)
    started = time.monotonic()

    schemas = vma_avro.Schemas()
    for record in ("Exemplar", "ScoreRequest", "Score", "DeadLetter"):
        known = schemas.schema(record)
        log("%-12s fingerprint %016x (%s)" % (record, known.fingerprint, os.path.basename(known.origin)))
    run = "py-" + uuid.uuid4().hex[:8]
    memory_set = args.memory_set
    base = args.http.rstrip("/")

    baseline = 0
    if base:
        wait_for_streams(base, args.http_token, args.memory_timeout)
        status, state = memory_state(base, memory_set, args.http_token)
        baseline = state.get("offered", 0) if status == 200 and state else 0

    # 1. exemplars
    sender = produce.Sender(args.bootstrap_servers, schemas)
    exemplar_ids, source = [], args.source
    for n, (label, data, source) in enumerate(produce.images(args.source, "train", range(9), args.exemplars)):
        exemplar_id = "%s-x%d" % (run, n)
        exemplar_ids.append(exemplar_id)
        sender.exemplar(memory_set, exemplar_id, data, label, source)
    sender.flush()
    in_memory = sum(not vma_avro.is_reference(memory_set, i, args.reference_share) for i in exemplar_ids)
    log("sent %d exemplars (%s) to %s, %d for memory and %d held out as references; run id %s"
        % (len(exemplar_ids), source, memory_set, in_memory, len(exemplar_ids) - in_memory, run))

    partitions = len(sender.producer.list_topics("vma.exemplars", timeout=10).topics["vma.exemplars"].partitions)
    java = (vma_avro.murmur2(memory_set.encode("utf-8")) & 0x7FFFFFFF) % partitions
    used = sorted(sender.partitions.get(("vma.exemplars", memory_set), ()))
    log("librdkafka's partitioner put %s on partition %s of %d; Java's (murmur2) would use %d%s"
        % (memory_set, used, partitions, java, "" if used != [java] else
           " (the same: this run does not exercise the service's re-routing)"))

    # 2. memory
    if base:
        state = wait_for_memory(base, memory_set, args.http_token, baseline, in_memory, args.memory_timeout)
        if state:
            log("memory %s: size %s, version %s, offered %s" % (memory_set, state.get("size"), state.get("version"),
                                                                state.get("offered")))
        status, health = http_json(base + "/health", args.http_token)
        log("health: %s" % (health if status == 200 else "HTTP %s" % status))
    else:
        log("no HTTP endpoint: waiting %.0f s for the memory" % min(args.memory_timeout, 20))
        time.sleep(min(args.memory_timeout, 20))

    # 3. events
    labels = {}
    sent_at = time.monotonic()
    for n, (label, data, _) in enumerate(produce.images(args.source, "test", range(10), args.events)):
        event_id = "%s-e%d" % (run, n)
        labels[event_id] = label
        sender.event(memory_set, event_id, data)
    sender.flush()
    log("sent %d events" % len(labels))

    # 4. scores and dead letters
    scores_consumer = consume_scores.consumer(args.bootstrap_servers, "vma-py-e2e-" + run)
    dead_consumer = consume_scores.consumer(args.bootstrap_servers, "vma-py-e2e-dl-" + run)
    assign_from_beginning(scores_consumer, "vma.scores")
    assign_from_beginning(dead_consumer, "vma.deadletter")
    counts = Counter()
    scores = {}
    problems = []
    dead_total, dead_ours = 0, []
    deadline = time.monotonic() + args.score_timeout
    complete_at = None
    progress = time.monotonic()
    try:
        while time.monotonic() < deadline:
            if complete_at is None and len(counts) == len(labels):
                complete_at = time.monotonic()
                log("every event scored after %.1f s; reading %.0f s more for duplicates"
                    % (complete_at - sent_at, args.grace))
            if complete_at is not None and time.monotonic() - complete_at > args.grace:
                break
            for message in scores_consumer.consume(500, 0.2):
                if message.error():
                    if message.error().code() != KafkaError._PARTITION_EOF:
                        problems.append("scores consumer: %s" % message.error())
                    continue
                try:
                    score = schemas.decode("Score", message.value())
                except vma_avro.UndecodableRecord as e:
                    problems.append("undecodable score at %d/%d: %s" % (message.partition(), message.offset(), e))
                    continue
                event_id = score["eventId"]
                if event_id not in labels:
                    continue  # another client's event
                counts[event_id] += 1
                scores[event_id] = score
                if message.key() != event_id.encode("utf-8"):
                    problems.append("score of %s keyed %r" % (event_id, message.key()))
                if score["memorySet"] != memory_set or not math.isfinite(score["bound"]):
                    problems.append("odd score for %s: memorySet %s, bound %s"
                                    % (event_id, score["memorySet"], score["bound"]))
            for message in dead_consumer.consume(500, 0.05):
                if message.error():
                    continue
                dead_total += 1
                try:
                    letter = schemas.decode("DeadLetter", message.value())
                except vma_avro.UndecodableRecord as e:
                    problems.append("undecodable dead letter: %s" % e)
                    continue
                why = dead_letter_names_ours(schemas, letter, run)
                if why:
                    dead_ours.append("%s: %s (%s)" % (why, letter["errorType"], letter["reason"]))
            if time.monotonic() - progress > 10:
                progress = time.monotonic()
                log("%d/%d events scored so far" % (len(counts), len(labels)))
    finally:
        scores_consumer.close()
        dead_consumer.close()

    missing = [e for e in labels if counts[e] == 0]
    duplicated = [e for e, c in counts.items() if c > 1]
    # Informative only: how the scores look (predicted label for seen digits, flags on the unseen 9).
    seen = [e for e in scores if labels[e] != "9"]
    correct = sum(scores[e]["predictedLabel"] == labels[e] for e in seen)
    flagged = Counter(("9" if labels[e] == "9" else "0-8") for e in scores if scores[e]["anomaly"])
    nines = sum(labels[e] == "9" for e in scores)
    versions = sorted({s["modelVersion"] for s in scores.values()})
    print()
    print("exemplars sent:          %d (%d for memory, memory set %s)" % (len(exemplar_ids), in_memory, memory_set))
    print("events sent:             %d" % len(labels))
    print("events scored:           %d" % len(counts))
    print("scores read (ours):      %d" % sum(counts.values()))
    print("events without a score:  %d%s" % (len(missing), " e.g. " + ", ".join(missing[:5]) if missing else ""))
    print("events scored twice+:    %d%s" % (len(duplicated), " e.g. " + ", ".join(duplicated[:5]) if duplicated else ""))
    print("dead letters (all/ours): %d/%d" % (dead_total, len(dead_ours)))
    for letter in dead_ours[:5]:
        print("  " + letter)
    print("other problems:          %d" % len(problems))
    for problem in problems[:5]:
        print("  " + problem)
    print("model versions:          %s" % (versions or "-"))
    if scores:
        print("predicted label right:   %d/%d on digits 0-8" % (correct, len(seen)))
        print("anomaly flags:           %d/%d on 0-8, %d/%d on unseen 9s" % (flagged["0-8"], len(seen), flagged["9"],
                                                                           nines))
    print("elapsed:                 %.1f s" % (time.monotonic() - started))
    ok = not missing and not duplicated and not dead_ours and not problems and len(counts) == len(labels)
    print("RESULT: %s" % ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
