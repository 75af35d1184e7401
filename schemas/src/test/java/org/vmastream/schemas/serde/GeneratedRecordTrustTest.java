package org.vmastream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import org.vmastream.schemas.Address;
import org.vmastream.schemas.Score;

class GeneratedRecordTrustTest {

    @Test
    void trustsGeneratedRecordsAndKeepsWhatWasTrustedBefore() {
        GeneratedRecordTrust.install();

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Score.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(Address.class)).isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(String.class)).isTrue();
    }

    @Test
    void doesNotTrustOtherClassesOfThisModule() {
        GeneratedRecordTrust.install();

        assertThat(ClassSecurityValidator.getGlobal().isTrusted(AvroSerde.class))
                .isFalse();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(ErrorType.class))
                .isFalse();
    }
}
