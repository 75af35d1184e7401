package org.vmastream.model.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * All trainable parameters of a model in one flat vector, with a matching flat gradient vector.
 *
 * <p>Each named block is a matrix view into the flat vectors, so layers read and write their own
 * weights while the optimiser, weight decay and checkpoints act on one array each. Blocks are laid
 * out by role (weights, then biases, then memory) so that every role is one contiguous range.
 */
public final class ParameterSet {

    /** One named block: its shape, role and views into the flat values and gradients. */
    public record Block(
            String name, int rows, int cols, ParameterRole role, long offset, INDArray value, INDArray gradient) {
        /** Number of scalars in the block. */
        public long length() {
            return (long) rows * cols;
        }
    }

    /** Shape and role of a block, before the flat vector exists. */
    public record BlockSpec(String name, int rows, int cols, ParameterRole role) {
        public BlockSpec {
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("block " + name + " has non-positive shape " + rows + "x" + cols);
            }
        }
    }

    private final DataType dataType;
    private final INDArray values;
    private final INDArray gradients;
    private final Map<String, Block> blocks;
    private final Map<ParameterRole, long[]> roleRanges;

    private ParameterSet(DataType dataType, List<BlockSpec> specs) {
        this.dataType = dataType;
        List<BlockSpec> ordered = new ArrayList<>(specs);
        ordered.sort(Comparator.comparing(BlockSpec::role));
        long total = ordered.stream().mapToLong(s -> (long) s.rows() * s.cols()).sum();
        this.values = Nd4j.zeros(dataType, total);
        this.gradients = Nd4j.zeros(dataType, total);
        Map<String, Block> byName = new LinkedHashMap<>();
        Map<ParameterRole, long[]> ranges = new LinkedHashMap<>();
        long offset = 0;
        for (BlockSpec spec : ordered) {
            long length = (long) spec.rows() * spec.cols();
            if (byName.containsKey(spec.name())) {
                throw new IllegalArgumentException("duplicate parameter block " + spec.name());
            }
            byName.put(
                    spec.name(),
                    new Block(
                            spec.name(),
                            spec.rows(),
                            spec.cols(),
                            spec.role(),
                            offset,
                            view(values, offset, spec),
                            view(gradients, offset, spec)));
            long[] range = ranges.computeIfAbsent(spec.role(), r -> new long[] {Long.MAX_VALUE, 0});
            range[0] = Math.min(range[0], offset);
            range[1] = Math.max(range[1], offset + length);
            offset += length;
        }
        this.blocks = Collections.unmodifiableMap(byName);
        this.roleRanges = Collections.unmodifiableMap(ranges);
    }

    private static INDArray view(INDArray flat, long offset, BlockSpec spec) {
        return flat.get(NDArrayIndex.interval(offset, offset + (long) spec.rows() * spec.cols()))
                .reshape('c', spec.rows(), spec.cols());
    }

    /** Creates a zero-filled parameter set with the given blocks. */
    public static ParameterSet allocate(DataType dataType, List<BlockSpec> specs) {
        return new ParameterSet(dataType, specs);
    }

    /** The block with this name; fails with the known names if there is none. */
    public Block block(String name) {
        Block block = blocks.get(name);
        if (block == null) {
            throw new IllegalArgumentException("no parameter block '" + name + "'; known: " + blocks.keySet());
        }
        return block;
    }

    /** All blocks in layout order. */
    public List<Block> blocks() {
        return List.copyOf(blocks.values());
    }

    /** The flat parameter vector (rank 1); blocks are views into it. */
    public INDArray values() {
        return values;
    }

    /** The flat gradient vector (rank 1); block gradients are views into it. */
    public INDArray gradients() {
        return gradients;
    }

    /** The contiguous range of the flat vector that holds every block of this role, or null if none. */
    public INDArray valuesOf(ParameterRole role) {
        return range(values, role);
    }

    /** The gradient range matching {@link #valuesOf(ParameterRole)}, or null if none. */
    public INDArray gradientsOf(ParameterRole role) {
        return range(gradients, role);
    }

    private INDArray range(INDArray flat, ParameterRole role) {
        long[] r = roleRanges.get(role);
        return r == null ? null : flat.get(NDArrayIndex.interval(r[0], r[1]));
    }

    /** Number of scalars. */
    public long size() {
        return values.length();
    }

    /** Element type of every block. */
    public DataType dataType() {
        return dataType;
    }

    /** Sets every gradient to zero, before a backward pass accumulates into them. */
    public void zeroGradients() {
        gradients.assign(0);
    }
}
