"""The five fault scenarios. Each takes a Context and a Result, starts its own cluster (broker,
serve, trainer in a working directory of its own), injects its fault and records its checks."""

import json
import random
import shutil
import time

import kafka_io
import procs
from common import (RESUMED, EventPump, check_no_errors, check_scores, load_exemplars, ours_in_dead_letters,
                    published_versions, send_events, show, split_references, start_cluster, wait_model,
                    wait_published)
from procs import log


def sizes(ctx):
    if ctx.ci:
        return {"sk_events": 10000, "sk_exemplars": 300, "tk_events": 1000, "bk_rate": 1000, "bk_before": 5,
                "bk_outage": 8, "bk_after": 10, "sr_sets": [10000], "fz_bad": 10000, "fz_events": 1000}
    return {"sk_events": 20000, "sk_exemplars": 300, "tk_events": 2000, "bk_rate": 1000, "bk_before": 8,
            "bk_outage": 15, "bk_after": 15, "sr_sets": [10000, 100000], "fz_bad": 10000, "fz_events": 2000}


# =============================================================================================== 1

def scorer_kill(ctx, result):
    """SIGKILL serve three times while events arrive at 1,000/s: every event exactly one committed score."""
    size = sizes(ctx)
    memory_set = "sk-digits"
    prefix = "sk-" + ctx.run
    # Static membership: the restarted serve takes its tasks back at once (streams.group.instance.id).
    cluster = result.cluster = start_cluster(ctx, "scorer-kill", serve_settings=["streams.group.instance.id=fault-serve"])
    exemplars = load_exemplars(ctx, cluster, memory_set, prefix, size["sk_exemplars"])
    version = wait_model(cluster)
    log("memory %s holds its exemplars; model version %d" % (memory_set, version))
    # The scorer needs a model, not a trainer: stop it cleanly so that the two cores go to the scorer
    # and its restarts (the trainer-kill and broker-kill scenarios run it throughout).
    cluster.trainer.stop(30)

    scores = kafka_io.ScoreReader(cluster.bootstrap, "sk-scores-" + ctx.run, ctx.schemas, [prefix])
    letters = kafka_io.DeadLetterReader(cluster.bootstrap, "sk-dl-" + ctx.run, ctx.schemas)
    scores.start()
    letters.start()
    sender = kafka_io.Sender(cluster.bootstrap)
    pump = EventPump(ctx, sender, memory_set, prefix, rate=1000, minimum=size["sk_events"], maximum=200000)
    pump.start()
    kills = []
    try:
        deadline = time.monotonic() + 60
        while scores.new_since(pump.began or 0) < 500 and time.monotonic() < deadline:
            time.sleep(0.2)
        for k in range(3):
            time.sleep(ctx.rng.uniform(1.0, 2.5))  # mid-stream: batches computing, transactions open
            sent, scored = len(pump.event_ids), scores.scored(pump.event_ids[:])
            killed_at = time.monotonic()
            cluster.serve.kill()
            if k == 2:
                # The last kill: stop sending now; the restarted serve works off what piled up meanwhile.
                time.sleep(2)
                pump.stopping.set()
            cluster.start_serve(wait=False)
            restarted_at = time.monotonic()
            cluster.wait_serve(240)
            running_at = time.monotonic()
            first = None
            deadline = time.monotonic() + 120
            while first is None and time.monotonic() < deadline:
                first = scores.first_after(running_at)
                time.sleep(0.1)
            kills.append({"kill": k + 1, "sent": sent, "scored": scored, "running": running_at - killed_at,
                          "first_score": (first - killed_at) if first else None,
                          "restart": restarted_at - killed_at})
            log("kill %d: %d events sent, %d scored at the kill; serve RUNNING %.1f s after it, first new score "
                "after %s s" % (k + 1, sent, scored, running_at - killed_at,
                                "%.1f" % (first - killed_at) if first else "NONE"))
            if first is None:
                result.check(False, "kill %d: no new score within 120 s of the restarted serve RUNNING" % (k + 1))
                break
    finally:
        pump.stop()
    left = sender.flush(120)
    acked = set(sender.acked)
    event_ids = pump.event_ids
    result.check(not left and not sender.failed, "%d events not delivered (%d queued): %s"
                 % (len(sender.failed) + left, left, sender.failed[:3]))
    log("%d events sent at %.0f/s (%d acknowledged); waiting for their scores" % (len(event_ids),
                                                                                  pump.achieved_rate(), len(acked)))
    waited = scores.wait_all([i for i in event_ids if i in acked], 240, grace=5)
    scores.stop()
    letters.stop()

    missing, duplicated = check_scores(result, scores, [i for i in event_ids if i in acked])
    ours = ours_in_dead_letters(ctx, letters.snapshot(), [prefix])
    result.check(not ours, "%d dead letters of our records: %s" % (len(ours), show(ours, 5)))
    result.check(not scores.problems, "score problems: %s" % show(scores.problems, 5))
    result.check(len(kills) == 3, "only %d of 3 kills done" % len(kills))
    result.check(pump.achieved_rate() >= 990, "events went out at %.0f/s, below 1,000/s" % pump.achieved_rate())
    check_no_errors(result, cluster, ["serve"])
    restarted = cluster.history["serve"][1:]
    recovery = [len(p.recovery_lines()) for p in restarted]
    for proc in restarted:
        for line in proc.recovery_lines():
            result.note("%s: %s" % (proc.log_path.name, line[:300]))
    firsts = [k["first_score"] for k in kills if k["first_score"] is not None]
    result.fig("exemplars", len(exemplars))
    result.fig("events sent / acknowledged", "%d / %d at %.0f/s" % (len(event_ids), len(acked), pump.achieved_rate()))
    result.fig("kills", "; ".join("#%d at %d sent/%d scored: RUNNING after %.1f s, first new score after %s s"
                                  % (k["kill"], k["sent"], k["scored"], k["running"],
                                     "%.1f" % k["first_score"] if k["first_score"] else "-") for k in kills))
    result.fig("scores: missing / duplicated", "%d / %d" % (len(missing), len(duplicated)))
    result.fig("dead letters of ours", len(ours))
    result.fig("recovery WARN lines per restarted serve", recovery)
    result.fig("model versions in scores", dict(sorted(scores.versions.items())))
    result.fig("all scored after the last restart within", "%.1f s" % waited)
    result.row.update({"events": len(event_ids), "exemplars": len(exemplars), "kills": "%d x serve" % len(kills),
                       "lost": len(missing), "duplicated": len(duplicated), "dead letters": len(ours),
                       "recovery / restore s": "first score %s after kill" % "/".join("%.1f" % f for f in firsts)})


# =============================================================================================== 2

def trainer_kill(ctx, result):
    """SIGKILL the trainer: scoring goes on; the restart resumes from the latest published version."""
    size = sizes(ctx)
    memory_set = "tk-digits"
    prefix = "tk-" + ctx.run
    cluster = result.cluster = start_cluster(ctx, "trainer-kill")
    exemplars = load_exemplars(ctx, cluster, memory_set, prefix, 300)
    before = wait_published(cluster.trainer, 50, 240)  # a scheduled version beyond the initial 0
    time.sleep(ctx.rng.uniform(0.5, 3.0))  # kill between publications, mid-training
    cluster.trainer.kill()
    killed_at = time.monotonic()
    before = published_versions(cluster.trainer)
    on_topic = [v for key, v in kafka_io.model_versions(cluster.bootstrap) if key == "default"]
    latest = max(on_topic) if on_topic else None
    log("trainer killed after publishing versions %s; newest on vma.models: %s" % (before, latest))

    scores = kafka_io.ScoreReader(cluster.bootstrap, "tk-scores-" + ctx.run, ctx.schemas, [prefix])
    letters = kafka_io.DeadLetterReader(cluster.bootstrap, "tk-dl-" + ctx.run, ctx.schemas)
    scores.start()
    letters.start()
    sender = kafka_io.Sender(cluster.bootstrap)
    during = send_events(ctx, sender, memory_set, prefix + "-down", size["tk_events"], 1000)
    waited = scores.wait_all(during, 120, grace=2, label="events (trainer down)")
    down_missing, down_dup = scores.tally(during)
    result.check(not cluster.trainer.alive(), "the trainer was alive while its events were scored")
    log("%d/%d events scored while the trainer was down (%.1f s)" % (len(during) - len(down_missing), len(during),
                                                                     waited))

    trainer = cluster.start_trainer()
    match = trainer.wait_for(RESUMED.pattern, 180)
    origin, step = match.group(2), int(match.group(3))
    log("restarted trainer: model %s training from %s at step %d" % (match.group(1), origin, step))
    after = wait_published(trainer, step + 1, 180)
    new_version = min(v for v in after if v > step)
    seen = wait_model(cluster, 120, minimum=new_version)
    after_events = send_events(ctx, sender, memory_set, prefix + "-up", max(200, size["tk_events"] // 4), 1000)
    scores.wait_all(after_events, 120, grace=5, label="events (trainer back)")
    scores.stop()
    letters.stop()

    result.check(latest is not None and before and latest == max(before),
                 "newest version on vma.models %s is not the last one the trainer logged (%s)"
                 % (latest, before[-1:] if before else None))
    result.check(step > 0, "the restarted trainer started from step 0 (%s)" % origin)
    result.check(latest is not None and step == latest, "the restarted trainer resumed at step %d, not at the "
                                                        "newest published version %s" % (step, latest))
    result.check("version" in origin, "its origin '%s' does not name a published version" % origin)
    sequence = before + after
    result.check(all(a < b for a, b in zip(sequence, sequence[1:])),
                 "published versions not strictly increasing across the restart: %s" % sequence)
    result.check(set(after).isdisjoint(before), "versions published twice: %s" % sorted(set(after) & set(before)))
    missing, duplicated = check_scores(result, scores, during + after_events)
    late = [i for i in after_events if i in scores.by_id and scores.by_id[i]["modelVersion"] < new_version]
    result.check(not late, "%d events sent after serve showed version %d were scored with an older one: %s"
                 % (len(late), new_version, show(late, 5)))
    ours = ours_in_dead_letters(ctx, letters.snapshot(), [prefix])
    result.check(not ours, "%d dead letters of our records: %s" % (len(ours), show(ours, 5)))
    check_no_errors(result, cluster, ["serve", "trainer"])
    result.fig("exemplars", len(exemplars))
    result.fig("versions published before the kill", before)
    result.fig("newest version on vma.models at the kill", latest)
    result.fig("restarted trainer", "training from %s at step %d" % (origin, step))
    result.fig("versions published after the restart", after)
    result.fig("events while the trainer was down", "%d sent, %d scored in %.1f s" % (len(during),
                                                                                    len(during) - len(down_missing),
                                                                                    waited))
    result.fig("events after the restart", "%d sent, scored with versions %s"
               % (len(after_events), sorted({scores.by_id[i]["modelVersion"] for i in after_events
                                             if i in scores.by_id})))
    result.fig("serve's modelVersion after the restart", seen)
    result.row.update({"events": len(during) + len(after_events), "exemplars": len(exemplars), "kills": "1 x trainer",
                       "lost": len(missing), "duplicated": len(duplicated), "dead letters": len(ours),
                       "recovery / restore s": "resumed at step %d (= v%s)" % (step, latest)})


# =============================================================================================== 3

def broker_kill(ctx, result):
    """SIGKILL the broker while exemplars and events are produced; restart it on its data."""
    size = sizes(ctx)
    memory_set = "bk-digits"
    prefix = "bk-" + ctx.run
    cluster = result.cluster = start_cluster(ctx, "broker-kill")
    initial = load_exemplars(ctx, cluster, memory_set, prefix + "-a", 200)
    wait_model(cluster)
    wait_published(cluster.trainer, 1, 240)
    serve_pid, trainer_pid = cluster.serve.pid, cluster.trainer.pid

    scores = kafka_io.ScoreReader(cluster.bootstrap, "bk-scores-" + ctx.run, ctx.schemas, [prefix])
    letters = kafka_io.DeadLetterReader(cluster.bootstrap, "bk-dl-" + ctx.run, ctx.schemas)
    scores.start()
    letters.start()
    # acks=all + idempotence; retried for up to 10 minutes, so records sent during the outage are
    # delivered (and acknowledged) after the restart.
    sender = kafka_io.Sender(cluster.bootstrap, **{"message.timeout.ms": 600000, "queue.buffering.max.messages": 500000,
                                                   "queue.buffering.max.kbytes": 2000000})
    pump = EventPump(ctx, sender, memory_set, prefix + "-b", rate=size["bk_rate"], exemplar_every=50)
    pump.start()
    try:
        time.sleep(size["bk_before"])
        at_kill = (len(pump.event_ids), len(pump.exemplar_ids), len(sender.acked))
        cluster.broker.kill()
        killed_at = time.monotonic()
        time.sleep(size["bk_outage"])
        serve_offset, trainer_offset = cluster.serve.size(), cluster.trainer.size()
        restart_at = time.monotonic()
        cluster.start_broker()
        ready_at = time.monotonic()
        log("broker back at %s after %.1f s down (%.1f s to start)" % (cluster.bootstrap, ready_at - killed_at,
                                                                        ready_at - restart_at))
        time.sleep(size["bk_after"])
    finally:
        pump.stop()
    left = sender.flush(300)
    event_ids, exemplar_ids = pump.event_ids, pump.exemplar_ids
    acked = set(sender.acked)
    acked_events = [i for i in event_ids if i in acked]
    acked_exemplars = [i for i in exemplar_ids if i in acked]
    failed = sender.failed
    log("sent %d events and %d exemplars at %.0f/s; acknowledged %d and %d; %d failed, %d unflushed"
        % (len(event_ids), len(exemplar_ids), pump.achieved_rate(), len(acked_events), len(acked_exemplars),
           len(failed), left))
    waited = scores.wait_all(acked_events, 300, grace=5)
    first = scores.first_after(ready_at)

    # exemplars: every acknowledged one offered once (memory or references), none twice
    all_exemplars = initial + acked_exemplars
    memory_ids, reference_ids = split_references(memory_set, all_exemplars)
    maybe = set(i for i, _ in failed)  # a failed delivery may still have been written
    try:
        state = cluster.wait_memory(memory_set, len(memory_ids), len(reference_ids) or None, 120)
    except (TimeoutError, procs.ProcessDied) as e:
        result.check(False, str(e))
        _, state = cluster.memory(memory_set)
    state = state or {}
    refs = state.get("references") or {}
    held = [e["id"] for e in state.get("entries", [])]
    held_refs = [e["id"] for e in refs.get("entries", [])]
    lost_exemplars = sorted(set(memory_ids) - set(held)) + sorted(set(reference_ids) - set(held_refs))
    unknown = sorted((set(held) | set(held_refs)) - set(all_exemplars) - maybe)
    extra_offers = (state.get("offered", 0) - len(set(held))) + (refs.get("offered", 0) - len(set(held_refs)))
    result.check(not lost_exemplars, "%d acknowledged exemplars not in memory: %s" % (len(lost_exemplars),
                                                                                    show(lost_exemplars)))
    result.check(not unknown, "memory holds exemplars never acknowledged: %s" % show(unknown))
    result.check(state.get("evicted", 0) == 0 and extra_offers == 0,
                 "offered counts exceed the distinct exemplars held by %d (evicted %s): an exemplar applied twice"
                 % (extra_offers, state.get("evicted")))
    missing, duplicated = check_scores(result, scores, acked_events)
    ours = ours_in_dead_letters(ctx, letters.snapshot(), [prefix])
    result.check(not ours, "%d dead letters of our records: %s" % (len(ours), show(ours, 5)))
    result.check(not failed and not left, "%d deliveries failed, %d unflushed: %s" % (len(failed), left,
                                                                                       show(failed, 3)))
    result.check(first is not None, "no new score after the broker restart")
    # serve and trainer rode it out by themselves
    result.check(cluster.serve.pid == serve_pid and cluster.serve.alive(), "serve did not survive the outage")
    result.check(cluster.trainer.pid == trainer_pid and cluster.trainer.alive(), "trainer did not survive the outage")
    health = cluster.health()
    result.check(health and health.get("streams") == "RUNNING", "serve's streams are %s after the outage" % health)
    try:
        republished = wait_published(cluster.trainer, 0, 90, since=trainer_offset)
    except (TimeoutError, procs.ProcessDied) as e:
        republished = []
        result.check(False, "the trainer published nothing after the restart: %s" % e)
    errors = {}
    for proc in (cluster.serve, cluster.trainer):
        lines = [l for l in proc.text_since(serve_offset if proc is cluster.serve else trainer_offset).splitlines()
                 if procs.ERROR_LINE.match(l)]
        earlier = [l for l in proc.text().splitlines() if procs.ERROR_LINE.match(l)]
        if earlier:
            errors[proc.name] = earlier
    for name, lines in errors.items():
        # Not a failure criterion here (a role may say an operation failed while its broker was gone),
        # but printed verbatim.
        result.note("%s logged %d ERROR line(s) around the outage; first: %s" % (name, len(lines), lines[0][:600]))
        for line in lines[:6]:
            result.note("  %s: %s" % (name, line[:1500]))
    for proc in (cluster.serve, cluster.trainer):
        warns = [l for l in proc.text_since(serve_offset if proc is cluster.serve else trainer_offset).splitlines()
                 if " WARN " in l]
        if warns:
            result.note("%s: %d WARN lines after the restart, first: %s" % (proc.name, len(warns), warns[0][:300]))
    seconds = (first - restart_at) if first else None
    serve_errors = errors.get(cluster.serve.name, [])
    replaced = sum("stream thread failed; replacing it" in l for l in serve_errors)
    result.fig("serve ERROR lines (not a failure criterion)", "%d%s" % (
        len(serve_errors), ", stream thread replaced %d time(s): %s" % (
            replaced, caused_by(cluster.serve.text(), "stream thread failed")) if replaced else ""))
    result.fig("trainer ERROR lines (not a failure criterion)", len(errors.get(cluster.trainer.name, [])))
    result.fig("exemplars acknowledged", "%d before + %d during (%d memory, %d references)"
               % (len(initial), len(acked_exemplars), len(memory_ids), len(reference_ids)))
    result.fig("events sent / acknowledged", "%d / %d at %.0f/s (at the kill: %d events, %d exemplars sent, %d acked)"
               % (len(event_ids), len(acked_events), pump.achieved_rate(), *at_kill))
    result.fig("broker down", "%.1f s; restart took %.1f s to 'ready', same address %s"
               % (ready_at - killed_at, ready_at - restart_at, cluster.bootstrap))
    result.fig("first new score after the broker restart", "%s s (%s s after it was ready)"
               % ("%.1f" % seconds if seconds is not None else "NONE",
                  "%.1f" % (first - ready_at) if first else "-"))
    result.fig("all acknowledged events scored", "%.1f s after the producer stopped" % waited)
    result.fig("scores: missing / duplicated", "%d / %d" % (len(missing), len(duplicated)))
    result.fig("exemplars: lost / applied twice", "%d / %d" % (len(lost_exemplars), extra_offers))
    result.fig("memory", "offered %s (held %d), references offered %s (held %d)"
               % (state.get("offered"), len(held), refs.get("offered"), len(held_refs)))
    result.fig("trainer versions after the restart", republished)
    result.fig("serve / trainer restarted by us", "no (pids %d, %d unchanged)" % (serve_pid, trainer_pid))
    result.row.update({"events": len(acked_events), "exemplars": len(all_exemplars), "kills": "1 x broker",
                       "lost": "%d events, %d exemplars" % (len(missing), len(lost_exemplars)),
                       "duplicated": "%d events, %d exemplars" % (len(duplicated), extra_offers),
                       "dead letters": len(ours),
                       "recovery / restore s": "first score %s after restart%s" % (
                           "%.1f" % seconds if seconds else "-",
                           "; serve stream thread replaced (ERROR)" if replaced else "")})


def caused_by(text, marker):
    """The last 'Caused by:' line of the stack trace that follows the first line holding marker."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if marker in line:
            cause = lines[i + 1].strip() if i + 1 < len(lines) else ""
            for follow in lines[i + 1:i + 80]:
                if follow.startswith("Caused by:"):
                    cause = follow
                elif not (follow.startswith("\t") or follow.startswith("Caused by:") or follow.startswith("...")
                          or follow.startswith(" ")) and follow is not lines[i + 1]:
                    break
            return cause[:300]
    return "-"


# =============================================================================================== 4

def state_restore(ctx, result):
    """Delete a cleanly stopped scorer's state dir: memory comes back exactly from the changelogs."""
    size = sizes(ctx)
    counts = size["sr_sets"]
    capacity = max(counts)
    settings = ["memory.capacity=%d" % capacity, "memory.reference.capacity=%d" % max(2000, capacity // 5)]
    # A serve with -Xmx2g runs out of heap scoring against a 100,000-exemplar set (seen: OutOfMemoryError,
    # stream threads replaced in a loop, nothing scored); the full size gets bin/vma's default heap.
    heap = "8g" if capacity > 20000 else None
    cluster = result.cluster = start_cluster(ctx, "state-restore", serve_settings=settings, serve_heap=heap)
    if heap:
        result.fig("serve heap", "-Xmx%s (a 100,000-exemplar set does not fit in 2 GB)" % heap)
    prefix = "sr-" + ctx.run
    sets = {}
    for n in counts:
        memory_set = "sr-%dk" % (n // 1000)
        began = time.monotonic()
        ids = load_exemplars(ctx, cluster, memory_set, prefix + "-%dk" % (n // 1000), n, timeout=600 + n // 100)
        sets[memory_set] = ids
        log("%s: %d exemplars in memory after %.1f s" % (memory_set, n, time.monotonic() - began))
    wait_model(cluster)
    cluster.trainer.stop(30)  # memory and read counts do not depend on it; the restore gets the cores

    scores = kafka_io.ScoreReader(cluster.bootstrap, "sr-scores-" + ctx.run, ctx.schemas, [prefix])
    scores.start()
    sender = kafka_io.Sender(cluster.bootstrap)
    events = []
    for memory_set in sets:
        events += send_events(ctx, sender, memory_set, prefix + "-" + memory_set, 300, 500)
    scores.wait_all(events, 300, grace=3)
    scores.stop()
    check_scores(result, scores, events)

    snapshots = {}
    for memory_set in sets:
        status, first = cluster.memory(memory_set, timeout=120)
        time.sleep(1)
        status2, second = cluster.memory(memory_set, timeout=120)
        if not result.check(status == 200 and status2 == 200 and first == second,
                            "%s: /memory not stable before the stop (HTTP %s, %s)" % (memory_set, status, status2)):
            return
        snapshots[memory_set] = second
        reads = sum(e.get("reads", 0) for e in second["entries"])
        result.check(reads > 0, "%s: read counts are all zero before the stop" % memory_set)
        result.fig("%s before" % memory_set, "size %d, version %d, offered %d, %d entries with reads (sum %d), "
                   "references size %s offered %s" % (second["size"], second["version"], second["offered"],
                                                      sum(1 for e in second["entries"] if e.get("reads")), reads,
                                                      (second.get("references") or {}).get("size"),
                                                      (second.get("references") or {}).get("offered")))
        memory_ids, reference_ids = split_references(memory_set, sets[memory_set])
        result.check(second["size"] == len(memory_ids) and second["offered"] == len(memory_ids),
                     "%s: size %d / offered %d, expected %d" % (memory_set, second["size"], second["offered"],
                                                               len(memory_ids)))
    code, stop_seconds, forced = cluster.serve.stop(60)
    # 143 = 128 + SIGTERM: what a JVM returns when SIGTERM ends it through its shutdown hooks
    result.check(code in (0, 143) and not forced, "serve exited with %s after SIGTERM%s"
                 % (code, " (SIGKILL needed)" if forced else ""))
    state_bytes = procs.dir_size(cluster.state_dir)
    shutil.rmtree(cluster.state_dir)
    log("serve stopped cleanly in %.1f s; state dir %.1f MB deleted" % (stop_seconds, state_bytes / 1e6))

    cluster.start_serve(wait=False)
    began = time.monotonic()
    restored = {}
    last = {}
    deadline = began + 300 + capacity // 100
    running = None
    while len(restored) < len(sets) and time.monotonic() < deadline:
        if running is None and "scorer running" in cluster.serve.text():
            running = time.monotonic() - began
        for memory_set, expected in snapshots.items():
            if memory_set in restored:
                continue
            status, body = cluster.memory(memory_set, timeout=120)
            if status == 200 and body is not None:
                last[memory_set] = body
                if body == expected:
                    restored[memory_set] = time.monotonic() - began
                    log("%s restored exactly %.1f s after the restart" % (memory_set, restored[memory_set]))
        if not cluster.serve.alive():
            result.check(False, "the restarted serve exited (code %s)" % cluster.serve.exit_code)
            break
        time.sleep(0.25)
    for memory_set, expected in snapshots.items():
        if memory_set not in restored:
            result.check(False, "%s: not restored exactly within %.0f s; %s" % (memory_set, deadline - began,
                                                                                describe_diff(expected,
                                                                                              last.get(memory_set))))
    check_no_errors(result, cluster, ["serve"])
    busy = sum("WARN  HttpService - HTTP /memory" in l for l in cluster.serve.text().splitlines())
    result.fig("/memory queries answered 503 while restoring", "%d (each logged as a WARN with a stack trace)" % busy)
    result.fig("state dir before deletion", "%.1f MB (%d bytes)" % (state_bytes / 1e6, state_bytes))
    result.fig("clean stop", "%.1f s, exit code %s" % (stop_seconds, code))
    result.fig("restarted serve said 'scorer running' after", "%s s" % ("%.1f" % running if running else "-"))
    for memory_set, seconds in restored.items():
        result.fig("%s equal (entries, reads, references) after" % memory_set, "%.1f s" % seconds)
    result.row.update({"events": len(events), "exemplars": " + ".join(str(len(v)) for v in sets.values()),
                       "kills": "SIGTERM + rm state", "lost": "-", "duplicated": "-", "dead letters": "-",
                       "recovery / restore s": "restore %s (state %.0f MB)"
                       % ("/".join("%.1f" % s for s in restored.values()) or "-", state_bytes / 1e6)})


def describe_diff(expected, actual):
    if actual is None:
        return "no answer from /memory"
    parts = []
    for key in sorted(set(expected) | set(actual)):
        if key in ("entries", "references"):
            continue
        if expected.get(key) != actual.get(key):
            parts.append("%s %s != %s" % (key, actual.get(key), expected.get(key)))

    def entries(body):
        return {e["id"]: e for e in body.get("entries", [])}

    a, b = entries(expected), entries(actual)
    if a != b:
        gone = sorted(set(a) - set(b))
        new = sorted(set(b) - set(a))
        changed = [i for i in a if i in b and a[i] != b[i]]
        parts.append("entries: %d missing (%s), %d extra, %d differ (e.g. %s)"
                     % (len(gone), show(gone, 3), len(new), len(changed),
                        "; ".join("%s %s != %s" % (i, b[i], a[i]) for i in changed[:3])))
    elif expected.get("entries") != actual.get("entries"):
        parts.append("entries equal but in another order")
    if expected.get("references") != actual.get("references"):
        parts.append("references differ: %s vs %s" % (json.dumps({k: v for k, v in (actual.get("references") or {})
                                                                  .items() if k != "entries"}),
                                                       json.dumps({k: v for k, v in (expected.get("references") or {})
                                                                   .items() if k != "entries"})))
    return "; ".join(parts) or "?"


# =============================================================================================== 5

def fuzz(ctx, result):
    """10,000 bad records among good ones: each bad one dead-lettered with the right type, each good kept."""
    import fuzzing
    size = sizes(ctx)
    prefix = "fz-" + ctx.run
    good_set = "fz-digits"
    max_values = fuzzing.MAX_VALUES
    cluster = result.cluster = start_cluster(ctx, "fuzz", serve_settings=["memory.max.values=%d" % max_values])
    scores = kafka_io.ScoreReader(cluster.bootstrap, "fz-scores-" + ctx.run, ctx.schemas, [prefix])
    letters = kafka_io.DeadLetterReader(cluster.bootstrap, "fz-dl-" + ctx.run, ctx.schemas)
    scores.start()
    letters.start()
    sender = kafka_io.Sender(cluster.bootstrap, **{"message.max.bytes": 4 << 20})
    maker = fuzzing.Maker(ctx, prefix, good_set, random.Random(ctx.args.seed))

    # phase 1: the good memory set first, until the trainer has sized its model to it (a fresh trainer
    # takes the data dimension of the first valid exemplar it reads, of whatever set); then a 16-value
    # set (for DIMENSION_MISMATCH) and a cleared one (EMPTY_MEMORY)
    phase1 = maker.phase1()
    first, rest = phase1[:200], phase1[200:]
    for batch in (first, rest):
        for record in batch:
            sender.send(record.topic, record.key, record.value, tag=record.tag, headers=record.headers)
        result.check(sender.flush(120) == 0 and not sender.failed, "phase 1 not delivered: %s" % sender.failed[:3])
        if batch is first:
            memory, references = maker.expected_memory()[good_set]
            cluster.wait_memory(good_set, len(memory), len(references) or None, 180)
            match = cluster.trainer.wait_for(RESUMED.pattern, 180)
            wait_model(cluster)
            result.check("data dimension 784" in match.group(0) or "data dimension 784" in cluster.trainer.text(),
                         "the trainer did not size its model to the 784-value exemplars: %s" % match.group(0))
            log("trainer: model %s training from %s at step %s; %s" % (match.group(1), match.group(2),
                                                                       match.group(3), cluster.health()))
    for memory_set, (memory, references) in maker.expected_memory().items():
        if memory_set == fuzzing.EMPTY_SET:
            continue
        cluster.wait_memory(memory_set, len(memory), len(references) or None, 180)
    wait_empty(cluster, fuzzing.EMPTY_SET, 120)
    log("phase 1 in memory; sending %d bad records among good ones" % size["fz_bad"])

    # phase 2: bad records on both topics, shuffled among good exemplars and events
    phase2 = maker.phase2(size["fz_bad"], size["fz_events"], extra_exemplars=100)
    began = time.monotonic()
    for record in phase2:
        sender.send(record.topic, record.key, record.value, tag=record.tag, headers=record.headers)
    left = sender.flush(180)
    acked = set(sender.acked)
    result.check(not left and not sender.failed, "%d records not delivered: %s" % (len(sender.failed) + left,
                                                                                  show(sender.failed, 3)))
    log("phase 2 sent in %.1f s: %d records" % (time.monotonic() - began, len(phase2)))
    bad = [r for r in phase1 + phase2 if r.expect and r.tag in acked]
    good_events = [r.tag for r in phase2 if r.kind == "good-event" and r.tag in acked]
    expected = fuzzing.expectations(bad)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        matched = fuzzing.match(letters.snapshot(), expected)
        if matched.found >= len(bad) and scores.scored(good_events) == len(good_events):
            break
        time.sleep(1)
    time.sleep(5)
    scores.stop()
    letters.stop()
    matched = fuzzing.match(letters.snapshot(), expected)

    # every bad record dead-lettered once, with the expected type
    table = matched.table(bad)
    for line in table:
        result.note(line)
    result.check(not matched.missing, "%d bad records never dead-lettered: %s" % (
        sum(matched.missing.values()), show(matched.describe_missing(bad), 8)))
    result.check(not matched.wrong, "%d dead letters of another type than expected: %s" % (
        len(matched.wrong), show(matched.wrong, 8)))
    result.check(not matched.extra, "%d bad records dead-lettered more than once: %s" % (
        sum(matched.extra.values()), show(matched.describe_extra(bad), 5)))
    ours = ours_in_dead_letters(ctx, matched.unmatched, [prefix + "-good"])
    result.check(not ours, "%d dead letters of good records: %s" % (len(ours), show(ours, 5)))
    others = [l for l in matched.unmatched if not kafka_io.letter_names(ctx.schemas, l, [prefix + "-good"])]
    result.check(not others, "%d dead letters match no record we sent: %s" % (
        len(others), show(("%s: %s" % (l["errorType"], l["reason"][:200]) for l in others), 3)))

    # every good exemplar kept, every good event scored once
    for memory_set, (memory, references) in maker.expected_memory().items():
        status, state = cluster.memory(memory_set)
        state = state or {}
        refs = (state.get("references") or {})
        if memory_set == fuzzing.EMPTY_SET:
            result.check(status == 200 and state.get("size") == 0, "%s: size %s after its clearing"
                         % (memory_set, state.get("size")))
            continue
        held = {e["id"] for e in state.get("entries", [])}
        result.check(state.get("offered") == len(memory) and set(memory) <= held,
                     "%s: offered %s, expected %d; %d good exemplars missing: %s"
                     % (memory_set, state.get("offered"), len(memory), len(set(memory) - held),
                        show(sorted(set(memory) - held))))
        result.check(refs.get("offered", 0) == len(references), "%s: references offered %s, expected %d"
                     % (memory_set, refs.get("offered"), len(references)))
        result.fig("%s memory" % memory_set, "size %s, offered %s (expected %d), references offered %s (expected %d)"
                   % (state.get("size"), state.get("offered"), len(memory), refs.get("offered"), len(references)))
    missing, duplicated = check_scores(result, scores, good_events, "good events")
    result.check(not scores.problems, "score problems: %s" % show(scores.problems, 5))
    # no role crashed
    for proc in (cluster.broker, cluster.serve, cluster.trainer):
        result.check(proc.alive(), "%s died (exit code %s)" % (proc.name, proc.exit_code))
    check_no_errors(result, cluster, ["broker", "serve", "trainer"])
    trainer_warns = [l for l in cluster.trainer.text().splitlines() if " WARN " in l]
    result.fig("trainer WARN lines", "%d, e.g. %s" % (len(trainer_warns), show((l[:200] for l in trainer_warns), 3)))
    by_type = {}
    for record in bad:
        by_type[record.expect] = by_type.get(record.expect, 0) + 1
    result.fig("bad records sent (acknowledged) by expected type", dict(sorted(by_type.items())))
    result.fig("dead letters by type", dict(sorted(matched.by_type.items())))
    result.fig("bad records: dead-lettered right / wrong type / missing / twice",
               "%d / %d / %d / %d of %d" % (matched.right, len(matched.wrong), sum(matched.missing.values()),
                                           sum(matched.extra.values()), len(bad)))
    result.fig("good events", "%d sent, %d scored, %d missing, %d duplicated"
               % (len(good_events), scores.scored(good_events), len(missing), len(duplicated)))
    result.row.update({"events": "%d good + bad" % len(good_events),
                       "exemplars": "%d good" % sum(len(m) + len(r) for m, r in maker.expected_memory().values()),
                       "kills": "%d bad records" % len(bad),
                       "lost": "%d good, %d bad undead" % (len(missing), sum(matched.missing.values())),
                       "duplicated": len(duplicated) + sum(matched.extra.values()),
                       "dead letters": "%d/%d right type" % (matched.right, len(bad))})


def wait_empty(cluster, memory_set, timeout):
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        status, body = cluster.memory(memory_set)
        if status == 200 and body and body.get("size") == 0 and body.get("version", 0) > 0:
            return body
        time.sleep(0.5)
    raise TimeoutError("memory set %s not cleared after %.0f s: %s" % (memory_set, timeout,
                                                                       body and {k: v for k, v in body.items()
                                                                                 if k != "entries"}))


SCENARIOS = {"scorer-kill": scorer_kill, "trainer-kill": trainer_kill, "broker-kill": broker_kill,
             "state-restore": state_restore, "fuzz": fuzz}
