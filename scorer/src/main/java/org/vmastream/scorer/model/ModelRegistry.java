package org.vmastream.scorer.model;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model version scorers use now. A newer version replaces the current one atomically; a batch
 * takes the current version once and scores all its events with it, so every score names the
 * version that produced it.
 */
public final class ModelRegistry {
    private final AtomicReference<ServingModel> current = new AtomicReference<>();

    /** The model to score with, or empty before the first version arrives. */
    public Optional<ServingModel> current() {
        return Optional.ofNullable(current.get());
    }

    /** Installs {@code model} unless the current version is the same or newer; returns whether it was installed. */
    public boolean offer(ServingModel model) {
        ServingModel before = current.getAndAccumulate(
                model, (old, candidate) -> old == null || candidate.version() > old.version() ? candidate : old);
        return before == null || model.version() > before.version();
    }
}
