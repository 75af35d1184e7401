package org.vmastream.model;

import java.util.List;
import org.vmastream.model.addressing.PriorKind;
import org.vmastream.model.addressing.Similarity;
import org.vmastream.model.memory.MemoryKind;
import org.vmastream.model.nn.ParameterSet;

/** Access to package-private layout for tests in other packages. */
public final class ModelConfigs {
    private ModelConfigs() {}

    /** The block layout of a tiny exemplar model with a learned prior and fallback entries. */
    public static List<ParameterSet.BlockSpec> tinyLayout() {
        return VmaModel.layoutOf(
                TinyModels.config(MemoryKind.EXEMPLAR, Similarity.NORMALISED, PriorKind.LEARNED, 2, 2));
    }
}
