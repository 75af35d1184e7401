package org.vmastream.trainer;

/**
 * A snapshot of the online trainer, for live summaries.
 *
 * @param state                where the trainer is in its life
 * @param steps                training steps done in total (resumed runs included)
 * @param lastPublishedVersion the newest version acknowledged by the models topic, or -1 if none yet
 * @param bufferSize           exemplars in the replay buffer
 * @param bound                trailing mean bound L_K (NaN before the first step)
 * @param klAddress            trailing mean KL(q(a|x) || p(a))
 * @param klLatent             trailing mean KL over z
 * @param stepsPerSecond       recent training rate (0 while not training)
 */
public record TrainerStatus(
        State state,
        long steps,
        long lastPublishedVersion,
        int bufferSize,
        double bound,
        double klAddress,
        double klLatent,
        double stepsPerSecond) {

    /** Where the trainer is in its life. */
    public enum State {
        /** Not started, or looking for a checkpoint to resume. */
        STARTING,
        /** Consuming exemplars until a step can be built (|M| + B of them). */
        WAITING_FOR_DATA,
        /** Making steps. */
        TRAINING,
        /** Ended normally: at the step limit or closed, after its final publication. */
        STOPPED,
        /** Ended by an error (see the log). */
        FAILED
    }

    static TrainerStatus starting() {
        return new TrainerStatus(State.STARTING, 0, -1, 0, Double.NaN, Double.NaN, Double.NaN, 0);
    }
}
