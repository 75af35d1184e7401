package org.vmastream.trainer.replay;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vmastream.schemas.Exemplar;

/**
 * A bounded store of exemplars of one data dimension for building training episodes: grey levels
 * in one flat float array (one row per slot, no per-record arrays), an optional label per slot and
 * an index of the slots of each label. When full, the oldest exemplar is replaced first. Exemplars
 * that could not be binarised or do not fit the dimension are refused, counted by reason and
 * logged. Not thread-safe: one trainer thread owns it.
 *
 * <p>A buffer for a model yet to be built learns its dimension from the exemplars: the first
 * dimension that {@code quorum} valid exemplars share wins, so that a stray exemplar of another size
 * arriving first (another memory set's, a bad producer's) cannot decide the model's input.
 */
public final class ReplayBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayBuffer.class);
    /** After the first rejection of a reason, only every this-many-th is logged, not to flood the log. */
    private static final long LOG_EVERY = 1000;
    /** Most distinct dimensions held while none has reached the quorum; exemplars of more are refused. */
    static final int MAX_CANDIDATE_DIMENSIONS = 16;

    private final int capacity;
    private final String[] labels;
    private final LabelIndex index;
    private final long[] rejected = new long[Rejection.values().length];
    private final int quorum;
    /** Exemplars held per dimension until one dimension has {@link #quorum}; null once it is fixed. */
    private Map<Integer, List<Exemplar>> candidates;

    private int dimension;
    private float[] values;
    private int size;
    private long accepted;
    /** The image size every stored exemplar has had, or null once one had another shape or none. */
    private ImageSize imageSize;

    private boolean mixedShapes;

    private ReplayBuffer(int capacity, int dimension, int quorum) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay buffer needs a capacity of at least 1, not " + capacity);
        }
        this.capacity = capacity;
        this.quorum = quorum;
        this.labels = new String[capacity];
        this.index = new LabelIndex(capacity);
        if (dimension > 0) {
            allocate(dimension);
        } else {
            candidates = new LinkedHashMap<>();
        }
    }

    /** A buffer for exemplars of {@code dimension} values (e.g. the data dimension of a resumed model). */
    public static ReplayBuffer ofDimension(int capacity, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a replay buffer's dimension must be at least 1, not " + dimension);
        }
        return new ReplayBuffer(capacity, dimension, 0);
    }

    /**
     * A buffer whose dimension is the first shared by {@code quorum} valid exemplars (a model yet to
     * be built). Until then {@link #size()} is 0 and exemplars are held; those of the dimensions that
     * lose are then refused as {@link Rejection#DIMENSION_MISMATCH}.
     *
     * @param quorum exemplars of one dimension needed, 1 to {@code capacity} (a trainer: its first episode)
     */
    public static ReplayBuffer dimensionByQuorum(int capacity, int quorum) {
        if (quorum < 1 || quorum > capacity) {
            throw new IllegalArgumentException(
                    "a replay buffer's quorum must be between 1 and its capacity " + capacity + ", not " + quorum);
        }
        return new ReplayBuffer(capacity, 0, quorum);
    }

    /**
     * Stores the exemplar's values and label, replacing the oldest exemplar when full.
     *
     * @return why the exemplar was refused, or empty if it was stored
     */
    public Optional<Rejection> add(Exemplar exemplar) {
        Rejection rejection = check(exemplar.getShape(), exemplar.getData());
        if (rejection == null && dimension == 0) {
            rejection = hold(exemplar);
        } else if (rejection == null) {
            store(exemplar);
        }
        if (rejection != null) {
            refuse(exemplar, rejection);
            return Optional.of(rejection);
        }
        return Optional.empty();
    }

    /** Holds a valid exemplar while the dimension is open; fixes it when this one completes a quorum. */
    private Rejection hold(Exemplar exemplar) {
        int length = exemplar.getData().size();
        List<Exemplar> held = candidates.get(length);
        if (held == null) {
            if (candidates.size() >= MAX_CANDIDATE_DIMENSIONS) {
                return Rejection.DIMENSION_MISMATCH;
            }
            held = new ArrayList<>();
            candidates.put(length, held);
        }
        held.add(exemplar);
        if (held.size() >= quorum) {
            Map<Integer, List<Exemplar>> votes = candidates;
            candidates = null;
            allocate(length);
            LOG.info(
                    "replay buffer: data dimension {}, shared by the first {} valid exemplars of one size",
                    length,
                    quorum);
            votes.forEach((candidate, exemplars) -> exemplars.forEach(e -> {
                if (candidate == length) {
                    store(e);
                } else {
                    refuse(e, Rejection.DIMENSION_MISMATCH);
                }
            }));
        }
        return null;
    }

    private void refuse(Exemplar exemplar, Rejection rejection) {
        long count = ++rejected[rejection.ordinal()];
        if (count == 1 || count % LOG_EVERY == 0) {
            LOG.warn(
                    "refused exemplar {} of memory set {}: it {} (shape {}, {} values, buffer dimension {});"
                            + " {} refused for this reason so far",
                    exemplar.getId(),
                    exemplar.getMemorySet(),
                    rejection.description(),
                    exemplar.getShape(),
                    exemplar.getData().size(),
                    dimension,
                    count);
        }
    }

    private void store(Exemplar exemplar) {
        int slot = (int) (accepted % capacity);
        if (labels[slot] != null) { // the slot's previous, oldest, exemplar leaves the index
            index.remove(labels[slot], slot);
        }
        int offset = slot * dimension;
        for (Float value : exemplar.getData()) {
            values[offset++] = value;
        }
        noteShape(exemplar.getShape());
        labels[slot] = exemplar.getLabel();
        if (labels[slot] != null) {
            index.add(labels[slot], slot);
        }
        accepted++;
        size = Math.min(size + 1, capacity);
    }

    private void noteShape(List<Integer> shape) {
        if (mixedShapes) {
            return;
        }
        ImageSize size = ImageSize.of(shape).orElse(null);
        if (size == null || (accepted > 0 && !size.equals(imageSize))) {
            mixedShapes = true;
            imageSize = null;
        } else {
            imageSize = size;
        }
    }

    private Rejection check(List<Integer> shape, List<Float> data) {
        if (data.isEmpty()) {
            return Rejection.EMPTY;
        }
        long product = 1;
        for (int extent : shape) {
            if (extent < 1) {
                return Rejection.SHAPE_MISMATCH;
            }
            product *= extent;
        }
        if (shape.isEmpty() || product != data.size()) {
            return Rejection.SHAPE_MISMATCH;
        }
        if (dimension != 0 && data.size() != dimension) {
            return Rejection.DIMENSION_MISMATCH;
        }
        boolean inRange = true;
        for (Float value : data) {
            float v = value;
            if (!Float.isFinite(v)) {
                return Rejection.NOT_FINITE;
            }
            inRange &= v >= 0f && v <= 1f;
        }
        return inRange ? null : Rejection.OUT_OF_RANGE;
    }

    private void allocate(int newDimension) {
        long length = (long) capacity * newDimension;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a replay buffer of " + capacity + " exemplars of " + newDimension
                    + " values does not fit one array: lower trainer.buffer.capacity");
        }
        dimension = newDimension;
        values = new float[(int) length];
    }

    /** Copies the grey levels of {@code slot} into {@code out} from {@code offset} on. */
    public void read(int slot, float[] out, int offset) {
        checkSlot(slot);
        System.arraycopy(values, slot * dimension, out, offset, dimension);
    }

    /** The label of {@code slot}, or null for an unlabelled exemplar. */
    public String label(int slot) {
        checkSlot(slot);
        return labels[slot];
    }

    /** How many stored exemplars carry {@code label}. */
    public int countOf(String label) {
        return index.count(label);
    }

    /** The slot of the {@code i}-th stored exemplar with {@code label}, 0 <= i < {@link #countOf}. */
    public int slotWithLabel(String label, int i) {
        return index.slot(label, i);
    }

    /** The distinct labels among the stored exemplars, sorted. */
    public List<String> labels() {
        return index.names();
    }

    /** Distinct labels among the stored exemplars. */
    public int labelCount() {
        return index.labels();
    }

    /** Exemplars stored; their slots are 0 .. size - 1. */
    public int size() {
        return size;
    }

    /** Most exemplars kept. */
    public int capacity() {
        return capacity;
    }

    /** Values per exemplar, or 0 while no quorum of exemplars has fixed it. */
    public int dimension() {
        return dimension;
    }

    /**
     * The image size of the stored exemplars, when every exemplar stored since creation has been an
     * image of that size; empty otherwise (feature vectors, or images of several shapes).
     */
    public Optional<ImageSize> imageSize() {
        return Optional.ofNullable(imageSize);
    }

    /** Exemplars stored since creation, including those since replaced. */
    public long accepted() {
        return accepted;
    }

    /** Exemplars refused for {@code reason} since creation. */
    public long rejected(Rejection reason) {
        return rejected[reason.ordinal()];
    }

    /** Refusals by reason since creation (reasons never seen are left out). */
    public Map<Rejection, Long> rejections() {
        Map<Rejection, Long> out = new EnumMap<>(Rejection.class);
        for (Rejection reason : Rejection.values()) {
            if (rejected[reason.ordinal()] > 0) {
                out.put(reason, rejected[reason.ordinal()]);
            }
        }
        return out;
    }

    private void checkSlot(int slot) {
        if (slot < 0 || slot >= size) {
            throw new IndexOutOfBoundsException(
                    "slot " + slot + " is not in use: the buffer holds " + size + " exemplars");
        }
    }
}
