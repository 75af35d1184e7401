package org.vmastream.scorer;

import java.util.Map;
import java.util.zip.CRC32;
import org.apache.kafka.clients.producer.Partitioner;
import org.apache.kafka.common.Cluster;

/**
 * librdkafka's default partitioner ({@code consistent_random}: CRC-32 of the key modulo the
 * partition count), which the Python, Go, .NET and Node clients use unless told otherwise.
 */
public final class Crc32Partitioner implements Partitioner {
    /** The partition librdkafka's default picks for {@code key}. */
    static int partitionOf(byte[] key, int partitions) {
        CRC32 crc = new CRC32();
        crc.update(key);
        return (int) (crc.getValue() % partitions);
    }

    @Override
    public int partition(String topic, Object key, byte[] keyBytes, Object value, byte[] valueBytes, Cluster cluster) {
        return partitionOf(keyBytes, cluster.partitionCountForTopic(topic));
    }

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
