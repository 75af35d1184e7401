package org.vmastream.schemas;

import java.util.List;
import org.apache.avro.generic.PrimitivesArrays;

/**
 * Reads the float arrays of decoded records ({@code data} of {@link ScoreRequest} and {@link
 * Exemplar}) without boxing when the decoder filled a primitive array.
 */
public final class FloatValues {
    private FloatValues() {}

    /** Value {@code i} of {@code values}, unboxed straight from a primitive array where there is one. */
    public static float at(List<Float> values, int i) {
        return values instanceof PrimitivesArrays.FloatArray floats ? floats.getFloat(i) : values.get(i);
    }
}
