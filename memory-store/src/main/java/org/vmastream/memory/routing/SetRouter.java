package org.vmastream.memory.routing;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each record keyed by memory set on to the task that holds the set. A record on the
 * partition Java's partitioner would choose for its key (murmur2) goes straight to the next node;
 * any other (from a producer with another partitioner, such as librdkafka's CRC32 default in the
 * Python, Go, .NET and Node clients) goes once through a re-routing topic partitioned by murmur2,
 * whose records always arrive where their set's exemplars are. Records of Java producers pay
 * nothing; records without a key go on so the next node dead-letters them.
 */
public final class SetRouter implements Processor<byte[], byte[], byte[], byte[]> {
    private static final Logger LOG = LoggerFactory.getLogger(SetRouter.class);

    private final int partitions;
    private final String local;
    private final String reroute;
    private final Set<String> reportedSets = new HashSet<>();
    private ProcessorContext<byte[], byte[]> context;

    /**
     * @param partitions partitions of the input topic (and of the re-routing topic)
     * @param local      the node that handles records already on their set's partition
     * @param reroute    the sink to the re-routing topic
     */
    public SetRouter(int partitions, String local, String reroute) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        this.partitions = partitions;
        this.local = local;
        this.reroute = reroute;
    }

    /** The partition of {@code key} among {@code partitions}: what Java's default partitioner picks. */
    public static int partitionOf(byte[] key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (record.key() == null || meta == null || meta.partition() == partitionOf(record.key(), partitions)) {
            context.forward(record, local);
            return;
        }
        String set = new String(record.key(), StandardCharsets.UTF_8);
        if (reportedSets.add(set)) {
            LOG.warn(
                    "records of memory set '{}' arrive on partition {} of {}, not on partition {} where Java's"
                            + " partitioner (murmur2 of the key) puts them; re-routing them once through a topic partitioned"
                            + " by murmur2. Their producer uses another partitioner (librdkafka's default is CRC32: set"
                            + " partitioner=murmur2_random there to spare the extra hop)",
                    set,
                    meta.partition(),
                    meta.topic(),
                    partitionOf(record.key(), partitions));
        }
        context.forward(record, reroute);
    }
}
