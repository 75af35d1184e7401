package org.vmastream.scorer.novelty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.ReferenceScores;
import org.vmastream.scorer.AnomalyPolicy;

class NoveltyCalibrationTest {
    /** References whose address entropies are all {@value #ENTROPY} (so the entropy term is 0 at that value). */
    private static ReferenceScores references(double[] match, double[] bound) {
        List<Double> m = new ArrayList<>();
        List<Double> h = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < match.length; i++) {
            m.add(match[i]);
            h.add(ENTROPY);
            b.add(bound[i]);
        }
        return ReferenceScores.newBuilder()
                .setMemorySet("s")
                .setModelVersion(1)
                .setMemoryVersion(1)
                .setReferenceVersion(1)
                .setMemoryMatch(m)
                .setAddressEntropy(h)
                .setBound(b)
                .build();
    }

    private static final double ENTROPY = 2.0;

    private static NoveltyCalibration gaussian(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] match = new double[n];
        double[] bound = new double[n];
        for (int i = 0; i < n; i++) {
            match[i] = 0.8 + 0.05 * gaussian(random);
            bound[i] = -90 + 10 * gaussian(random);
        }
        return NoveltyCalibration.of(references(match, bound));
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void pValuesCountTheReferencesAtLeastAsNovel() {
        // Distances 0.1, 0.2, 0.3, 0.4 (median 0.25, IQR 0.15 by interpolation); bounds all equal.
        NoveltyCalibration calibration =
                NoveltyCalibration.of(references(new double[] {0.9, 0.8, 0.7, 0.6}, new double[] {-50, -50, -50, -50}));
        assertThat(novelty(calibration, 0.75, ENTROPY, -50)).isCloseTo(0, within(1e-9));
        assertThat(novelty(calibration, 0.6, ENTROPY, -50)).isCloseTo(0.15 / 0.15, within(1e-9));
        assertThat(calibration.pValue(novelty(calibration, 0.6, ENTROPY, -50))).isCloseTo(2 / 5.0, within(1e-12));
        assertThat(calibration.pValue(novelty(calibration, 0.0, ENTROPY, -50))).isCloseTo(1 / 5.0, within(1e-12));
        assertThat(calibration.pValue(novelty(calibration, 1.0, ENTROPY, -50))).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aSpreadAddressAddsNoveltyInUnitsOfTheReferencesSpread() {
        double[] match = {0.9, 0.8, 0.7, 0.6};
        List<Double> m = new ArrayList<>();
        List<Double> h = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        double[] entropy = {1.0, 2.0, 3.0, 4.0};
        for (int i = 0; i < 4; i++) {
            m.add(match[i]);
            h.add(entropy[i]);
            b.add(-50.0);
        }
        NoveltyCalibration calibration = NoveltyCalibration.of(ReferenceScores.newBuilder()
                .setMemorySet("s")
                .setModelVersion(1)
                .setMemoryVersion(1)
                .setReferenceVersion(1)
                .setMemoryMatch(m)
                .setAddressEntropy(h)
                .setBound(b)
                .build());
        // Entropy median 2.5, IQR 1.5: one more nat of entropy is 2/3 of a unit more novelty.
        assertThat(novelty(calibration, 0.75, 3.5, -50) - novelty(calibration, 0.75, 2.5, -50))
                .isCloseTo(1 / 1.5, within(1e-9));
        assertThat(novelty(calibration, 0.75, 2.5, -50)).isCloseTo(0, within(1e-9));
    }

    @Test
    void theBoundAddsNoveltyOnlyBeyondWhatTheReferencesShowed() {
        NoveltyCalibration calibration = gaussian(1000, 3);
        double typical = novelty(calibration, 0.8, ENTROPY, -90);
        assertThat(novelty(calibration, 0.8, ENTROPY, -100))
                .as("a bound within the references' range")
                .isEqualTo(typical);
        assertThat(novelty(calibration, 0.8, ENTROPY, -900))
                .as("a bound far below every reference")
                .isGreaterThan(typical + 20);
        assertThat(calibration.pValue(novelty(calibration, 0.8, ENTROPY, -900))).isEqualTo(1 / 1001.0);
    }

    @Test
    void eventsLikeTheReferencesAreFlaggedAtTheTargetRate() {
        AnomalyPolicy policy = new AnomalyPolicy(0.05, -1e9, 100, 0.1);
        NoveltyCalibration calibration = gaussian(2000, 5);
        SplittableRandom random = new SplittableRandom(6);
        int flagged = 0;
        int events = 20_000;
        for (int i = 0; i < events; i++) {
            Verdict verdict =
                    verdict(policy, calibration, 0.8 + 0.05 * gaussian(random), ENTROPY, -90 + 10 * gaussian(random));
            assertThat(verdict.anomalyRate()).isEqualTo(0.05);
            flagged += verdict.anomaly() ? 1 : 0;
        }
        // Conformal: at most 5% in expectation over references; 2,000 references leave ~0.5% of spread.
        assertThat(flagged / (double) events).isBetween(0.035, 0.065);
    }

    @Test
    void tooFewReferencesFallBackToTheFixedThresholdAndSaySo() {
        AnomalyPolicy policy = new AnomalyPolicy(0.01, -100, 50, 0.1);
        NoveltyCalibration few = gaussian(10, 7);
        Verdict verdict = verdict(policy, few, 0.0, ENTROPY, -150);
        assertThat(verdict.pValue()).isNull();
        assertThat(verdict.anomalyRate()).isNull();
        assertThat(verdict.novelty()).isNotNull();
        assertThat(verdict.anomaly()).isTrue();
        assertThat(verdict(policy, null, Double.NaN, ENTROPY, -50).anomaly()).isFalse();
        assertThat(verdict(policy, null, Double.NaN, ENTROPY, -50).memoryMatch())
                .isNull();
    }

    @Test
    void shouldUseTheLabelHeadTermsWhenEveryReferenceCarriesThem() {
        // Energies -4, -3, -2, -1 (median -2.5, IQR 1.5); feature matches 0.9 .. 0.6 (distance median 0.25, IQR 0.15).
        ReferenceScores plain = references(new double[] {0.5, 0.5, 0.5, 0.5}, new double[] {-50, -50, -50, -50});
        ReferenceScores labelled = ReferenceScores.newBuilder(plain)
                .setHeadEnergy(List.of(-4.0, -3.0, -2.0, -1.0))
                .setFeatureMatch(List.of(0.9, 0.8, 0.7, 0.6))
                .build();
        NoveltyCalibration calibration = NoveltyCalibration.of(labelled);

        assertThat(calibration.labelled()).isTrue();
        assertThat(NoveltyCalibration.of(plain).labelled()).isFalse();
        assertThat(calibration.novelty(new NoveltyTerms(0.0, 9.0, -50, -2.5, 0.75)))
                .as("at both medians, whatever the matching-space terms say")
                .isCloseTo(0, within(1e-9));
        assertThat(calibration.novelty(new NoveltyTerms(0.0, 9.0, -50, -1.0, 0.75)))
                .isCloseTo(1.0, within(1e-9));
        assertThat(calibration.novelty(new NoveltyTerms(0.0, 9.0, -50, -2.5, 0.6)))
                .isCloseTo(1.0, within(1e-9));
        assertThat(calibration.novelty(NoveltyTerms.unlabelled(0.5, ENTROPY, -50)))
                .as("no head terms")
                .isNaN();
    }

    private static double novelty(NoveltyCalibration calibration, double match, double entropy, double bound) {
        return calibration.novelty(NoveltyTerms.unlabelled(match, entropy, bound));
    }

    private static Verdict verdict(
            AnomalyPolicy policy, NoveltyCalibration calibration, double match, double entropy, double bound) {
        return Verdict.of(policy, calibration, NoveltyTerms.unlabelled(match, entropy, bound));
    }
}
