package org.vmastream.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The build chosen for this processor is the one ND4J actually loads in a test run. */
class NativeBuildLoadingTest {
    @Test
    void nd4jLoadsTheBuildChosenForThisProcessor() {
        NativeBuild expected = NativeBuild.choose("auto", NativeBuild.cpuFlags());
        assertThat(System.getProperty(NativeBuild.JAVACPP_EXTENSION))
                .as("set by the test-session listener")
                .isEqualTo(expected.extension());
        assertThat(NativeBuild.configuredLabel()).isEqualTo(expected.label());

        assertThat(Nd4j.ones(2, 2).sumNumber().doubleValue()).isEqualTo(4.0);

        String library = Loader.getLoadedLibraries().get("nd4jcpu");
        assertThat(library).contains("/linux-x86_64" + expected.extension() + "/libnd4jcpu");
        String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        if (expected == NativeBuild.PORTABLE) {
            assertThat(buildInfo).doesNotContain("HAVE_ONEDNN");
        } else {
            assertThat(buildInfo).contains("HAVE_ONEDNN");
        }
    }
}
