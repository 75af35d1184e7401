package org.vmastream.trainer.publish;

/** The models topic did not acknowledge a checkpoint; the version is not known to be durable. */
public final class PublishFailedException extends RuntimeException {
    /** With a sentence naming the version, the model, the topic and the cause. */
    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
