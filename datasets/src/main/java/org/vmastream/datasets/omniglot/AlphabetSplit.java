package org.vmastream.datasets.omniglot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which alphabets to train on and which to test on. Few-shot generalisation is measured on characters of
 * alphabets the model never saw, so the two never share an alphabet.
 *
 * @param train alphabets to train on, sorted
 * @param test  alphabets held out for testing, sorted
 */
public record AlphabetSplit(List<String> train, List<String> test) {
    /**
     * Held out of the two small background subsets: one alphabet of each (Korean from small1, Tagalog from
     * small2), neither of the shared Greek and Latin, 57 characters together.
     */
    private static final List<String> SMALL_SUBSETS_TEST = List.of("Korean", "Tagalog");

    private static final String EVALUATION = "evaluation";

    /** Sorts both lists and checks that each is non-empty and that they are disjoint. */
    public AlphabetSplit {
        train = train.stream().sorted().distinct().toList();
        test = test.stream().sorted().distinct().toList();
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(
                    "an alphabet split needs alphabets on both sides, not train=" + train + " and test=" + test);
        }
        Set<String> shared = new HashSet<>(train);
        shared.retainAll(test);
        if (!shared.isEmpty()) {
            throw new IllegalArgumentException(
                    "alphabets " + shared.stream().sorted().toList() + " are both in train and test");
        }
    }

    /**
     * The usual split of what was loaded. If some characters come from an evaluation set (a set whose name
     * contains {@code evaluation}) and others not, the paper's official split: test on the evaluation set's
     * alphabets, train on the rest. Otherwise hold out Korean and Tagalog if both are there (the choice for the
     * two small subsets), else the last two alphabets in sorted order (the last one if there are only two).
     *
     * @throws IllegalArgumentException if there is only one alphabet
     */
    public static AlphabetSplit defaultFor(OmniglotCharacters all) {
        List<String> alphabets = all.alphabets();
        Set<String> evaluation = new HashSet<>();
        for (int cls = 0; cls < all.classCount(); cls++) {
            if (all.set(cls).contains(EVALUATION)) {
                evaluation.add(all.alphabet(cls));
            }
        }
        if (!evaluation.isEmpty() && evaluation.size() < alphabets.size()) {
            return of(List.copyOf(evaluation), all);
        }
        if (alphabets.containsAll(SMALL_SUBSETS_TEST)) {
            return of(SMALL_SUBSETS_TEST, all);
        }
        if (alphabets.size() < 2) {
            throw new IllegalArgumentException(
                    "cannot split the single alphabet " + alphabets + " into train and test alphabets");
        }
        return of(alphabets.subList(Math.max(1, alphabets.size() - 2), alphabets.size()), all);
    }

    /**
     * @param test the alphabets to hold out; all others are for training
     * @param all  the data the alphabets are taken from
     * @throws IllegalArgumentException if a test alphabet is not in the data, or nothing is left for training
     */
    public static AlphabetSplit of(List<String> test, OmniglotCharacters all) {
        List<String> unknown = test.stream()
                .filter(alphabet -> !all.alphabets().contains(alphabet))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown alphabets " + unknown + "; the alphabets are " + String.join(", ", all.alphabets()));
        }
        return new AlphabetSplit(
                all.alphabets().stream()
                        .filter(alphabet -> !test.contains(alphabet))
                        .toList(),
                test);
    }

    /** The training alphabets' characters of {@code data}. */
    public OmniglotCharacters train(OmniglotCharacters data) {
        return data.onlyAlphabets(train);
    }

    /** The test alphabets' characters of {@code data}. */
    public OmniglotCharacters test(OmniglotCharacters data) {
        return data.onlyAlphabets(test);
    }
}
