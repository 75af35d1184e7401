#!/usr/bin/python3
"""The novelty benchmark's protocol for one held-out digit, end to end through the streaming roles.

`bin/vma novelty` scores the leave-one-digit-out protocol through the model directly. This script
runs the same protocol through a running system (broker, `serve`, and a `trainer` started from the
benchmark's checkpoint for the digit, publishing only that version), as a user's services would:

- memory: `--memory` MNIST training images without the digit, as exemplars with labels;
- references: `--references` other such images, sent with ids the service holds out as references
  (`vma_avro.is_reference`), so the service calibrates novelty on them as the benchmark does;
- events: the 10,000 MNIST test images (all ten digits), after a warm-up that lets the scorer score
  its references first;
- from `vma.scores` (read_committed): the AUROC of the held-out digit against the others by the
  Score's `novelty`, and the flag rate on seen digits against the target `anomalyRate`.

    bin/vma trainer --bootstrap-servers H:P -s trainer.initial.checkpoint=runs/novelty/without-9.vmackpt \\
        -s trainer.publish.steps=1000000000 -s trainer.publish.interval.ms=1000000000
    /usr/bin/python3 examples/python/novelty_stream.py --bootstrap-servers H:P --http http://127.0.0.1:8080 --digit 9

The memory and references are another random draw than the benchmark's, so the two AUROCs agree
only up to that draw and the scoring noise.
"""

import argparse
import random
import sys
import time

import consume_scores
import e2e_check
import produce
import vma_avro


def auroc(positives, negatives):
    """P(a positive scores above a negative), ties counted half: the Mann-Whitney statistic."""
    ranked = sorted([(v, 1) for v in positives] + [(v, 0) for v in negatives])
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2.0
        rank_sum += mean_rank * sum(1 for k in range(i, j) if ranked[k][1] == 1)
        i = j
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg)


def read_scores(bootstrap, schemas, prefix, expected, timeout):
    consumer = consume_scores.consumer(bootstrap, from_beginning=True)
    e2e_check.assign_from_beginning(consumer, "vma.scores")
    scores = {}
    deadline = time.monotonic() + timeout
    while len(scores) < expected and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error() is not None:
            continue
        score = schemas.decode("Score", message.value())
        if score["eventId"].startswith(prefix):
            scores[score["eventId"]] = score
    consumer.close()
    return scores


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bootstrap-servers", required=True)
    parser.add_argument("--http", required=True, help="the scorer's HTTP endpoint, e.g. http://127.0.0.1:8080")
    parser.add_argument("--digit", type=int, default=9, help="the digit memory and training never saw")
    parser.add_argument("--memory", type=int, default=1024)
    parser.add_argument("--references", type=int, default=1000)
    parser.add_argument("--warmup-events", type=int, default=200)
    parser.add_argument("--memory-set", default="novelty")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)

    schemas = vma_avro.Schemas()
    rng = random.Random(args.seed)
    train = [(label, raw) for label, raw in produce.mnist_images("train") if label != args.digit]
    rng.shuffle(train)
    sender = produce.Sender(args.bootstrap_servers, schemas)
    run = "%d-%d" % (args.seed, int(time.time()))
    memory, references, i = 0, 0, 0
    for label, raw in train:
        if memory == args.memory and references == args.references:
            break
        exemplar_id = "nov-%s-%d" % (run, i)
        i += 1
        held_out = vma_avro.is_reference(args.memory_set, exemplar_id)
        if (held_out and references == args.references) or (not held_out and memory == args.memory):
            continue
        sender.exemplar(args.memory_set, exemplar_id, [p / 255.0 for p in raw], label=str(label), source="mnist-train")
        if held_out:
            references += 1
        else:
            memory += 1
    sender.flush()
    print("sent %d memory exemplars and %d references (digit %d left out)" % (memory, references, args.digit))
    e2e_check.wait_for_memory(args.http, args.memory_set, None, 0, memory, args.timeout)

    test = list(produce.mnist_images("test"))
    warm = "warm-%s-" % run
    for k in range(args.warmup_events):
        sender.event(args.memory_set, warm + str(k), [p / 255.0 for p in test[k][1]])
    sender.flush()
    read_scores(args.bootstrap_servers, schemas, warm, args.warmup_events, args.timeout)
    prefix = "ev-%s-" % run
    started = time.monotonic()
    for k, (label, raw) in enumerate(test):
        sender.event(args.memory_set, "%s%d-%d" % (prefix, k, label), [p / 255.0 for p in raw])
    sender.flush()
    scores = read_scores(args.bootstrap_servers, schemas, prefix, len(test), args.timeout)
    seconds = time.monotonic() - started
    if len(scores) < len(test):
        print("FAIL: only %d of %d events were scored" % (len(scores), len(test)))
        return 1
    novel, seen, flags_seen, flags_novel = [], [], 0, 0
    versions, rates = set(), set()
    for event_id, score in scores.items():
        label = int(event_id.rsplit("-", 1)[1])
        versions.add(score["modelVersion"])
        rates.add(score.get("anomalyRate"))
        value = score.get("novelty")
        if value is None:
            print("FAIL: event %s has no novelty (too few scored references?)" % event_id)
            return 1
        if label == args.digit:
            novel.append(value)
            flags_novel += bool(score["anomaly"])
        else:
            seen.append(value)
            flags_seen += bool(score["anomaly"])
    print("scored %d events in %.1f s; model versions %s; anomalyRate %s" % (len(scores), seconds,
                                                                            sorted(versions), sorted(rates, key=str)))
    print("AUROC of novelty, digit %d against the rest: %.3f (%d against %d)" % (args.digit, auroc(novel, seen),
                                                                              len(novel), len(seen)))
    print("flagged: %.2f%% of seen digits, %.2f%% of digit %d" % (100.0 * flags_seen / len(seen),
                                                                  100.0 * flags_novel / len(novel), args.digit))
    return 0


if __name__ == "__main__":
    sys.exit(main())
