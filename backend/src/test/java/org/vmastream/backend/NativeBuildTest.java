package org.vmastream.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativeBuildTest {
    private static final Set<String> SKYLAKE_SERVER =
            Set.of("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl");
    private static final Set<String> HASWELL = Set.of("sse4_2", "avx", "avx2", "fma");

    @Test
    void autoTakesTheFastestBuildTheProcessorCanRun() {
        assertThat(NativeBuild.choose("auto", Set.of())).isEqualTo(NativeBuild.PORTABLE);
        assertThat(NativeBuild.choose("auto", Set.of("sse4_2", "avx"))).isEqualTo(NativeBuild.PORTABLE);
        assertThat(NativeBuild.choose("auto", HASWELL)).isEqualTo(NativeBuild.ONEDNN_AVX2);
        assertThat(NativeBuild.choose("AUTO", SKYLAKE_SERVER)).isEqualTo(NativeBuild.ONEDNN_AVX512);
    }

    @Test
    void partialAvx512IsNotEnough() {
        Set<String> xeonPhi = Set.of("avx2", "fma", "avx512f", "avx512cd");
        assertThat(NativeBuild.choose("auto", xeonPhi)).isEqualTo(NativeBuild.ONEDNN_AVX2);
    }

    @Test
    void aNamedBuildIsTakenWhenTheProcessorCanRunIt() {
        assertThat(NativeBuild.choose("portable", SKYLAKE_SERVER)).isEqualTo(NativeBuild.PORTABLE);
        assertThat(NativeBuild.choose(" onednn-avx2 ", SKYLAKE_SERVER)).isEqualTo(NativeBuild.ONEDNN_AVX2);
    }

    @Test
    void aBuildThisProcessorCannotRunIsRefused() {
        assertThatThrownBy(() -> NativeBuild.choose("onednn-avx512", HASWELL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avx512f")
                .hasMessageContaining("use auto");
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> NativeBuild.choose("mkl", HASWELL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mkl'")
                .hasMessageContaining("portable, onednn-avx2, onednn-avx512");
    }

    @Test
    void flagsComeFromTheFirstFlagsLine() {
        String cpuInfo = "processor\t: 0\nmodel name\t: Test CPU\nflags\t\t: fpu avx2 fma fma\n\n"
                + "processor\t: 1\nflags\t\t: fpu avx512f\n";
        assertThat(NativeBuild.parseFlags(cpuInfo)).containsExactlyInAnyOrder("fpu", "avx2", "fma");
        assertThat(NativeBuild.parseFlags("processor\t: 0\n")).isEmpty();
    }
}
