package org.vmastream.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.vmastream.schemas.Exemplar;

/**
 * Lets Avro load this module's generated record classes by name.
 *
 * <p>Since 1.12.2, Avro refuses to load any class named by a schema unless it is trusted, including
 * an application's own generated records, so specific readers and writers fail with a {@link
 * SecurityException}. This trusts exactly the {@link SpecificRecord} classes of the generated
 * package {@code org.vmastream.schemas} (not its subpackages), in addition to whatever was trusted
 * before. The serdes install it themselves; code that uses a generated class's own encoder or
 * decoder directly calls {@link #install()} first.
 */
public final class GeneratedRecordTrust {

    private static final String GENERATED_PACKAGE = Exemplar.class.getPackageName();

    static {
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityPredicate generated =
                c -> c.getPackageName().equals(GENERATED_PACKAGE) && SpecificRecord.class.isAssignableFrom(c);
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, generated));
    }

    private GeneratedRecordTrust() {}

    /** Adds the trust once per class loader; later calls do nothing. */
    public static void install() {
        // The static initializer above did the work when this call loaded the class.
    }
}
