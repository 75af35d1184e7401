package org.vmastream.datasets.omniglot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vmastream.datasets.Fixtures;

/** Finding sets on a tiny made-up folder of sets: images_background unpacked, images_evaluation as a zip. */
class OmniglotLayoutTest {
    @TempDir
    Path root;

    @BeforeEach
    void writeSets() throws IOException {
        Map<String, byte[]> drawings = new LinkedHashMap<>();
        // Deliberately not in sorted order: zips list entries as they were added.
        drawings.put("Latin/character02/0902_01.png", Fixtures.pngBytes(Fixtures.oneBit(105, 105)));
        drawings.put("Greek/character01/0394_01.png", Fixtures.pngBytes(Fixtures.oneBit(105, 105)));
        drawings.put("Greek/character01/0394_02.png", Fixtures.pngBytes(Fixtures.oneBit(105, 105)));
        for (Map.Entry<String, byte[]> drawing : drawings.entrySet()) {
            Fixtures.write(root.resolve("images_background").resolve(drawing.getKey()), drawing.getValue());
        }
        Map<String, byte[]> zipped = new LinkedHashMap<>();
        drawings.forEach((name, bytes) -> zipped.put("images_evaluation/" + name, bytes));
        zipped.put("__MACOSX/images_evaluation/Greek/character01/._0394_01.png", new byte[] {1, 2, 3});
        Fixtures.zip(root.resolve("images_evaluation.zip"), zipped);
    }

    @Test
    void shouldListTheDrawingsOfAFolderOrZipSortedWithoutMacResourceForks() throws IOException {
        for (Path path : List.of(root.resolve("images_background"), root.resolve("images_evaluation.zip"))) {
            try (OmniglotSet set = OmniglotLayout.locate(path, null)) {
                assertThat(set.entries())
                        .extracting(OmniglotEntry::label)
                        .containsExactly("Greek/character01", "Greek/character01", "Latin/character02");
                assertThat(set.entries())
                        .extracting(OmniglotEntry::drawing)
                        .containsExactly("0394_01", "0394_02", "0902_01");
            }
        }
    }

    @Test
    void shouldPickTheSetOfAFolderOfSetsBySplit() throws IOException {
        try (OmniglotSet set = OmniglotLayout.locate(root, "evaluation")) {
            assertThat(set.name()).isEqualTo("images_evaluation");
            assertThat(set.entries()).hasSize(3);
        }
        try (OmniglotSet set = OmniglotLayout.locate(root, null)) {
            assertThat(set.name()).isEqualTo("images_background");
        }
        try (OmniglotSet set = OmniglotLayout.locate(root, "images_background")) {
            assertThat(set.name()).isEqualTo("images_background");
        }
    }

    @Test
    void shouldListTheSetsThereAreWhenTheSplitIsMissing() {
        assertThatThrownBy(() -> OmniglotLayout.locate(root, "background_small1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no Omniglot set images_background_small1")
                .hasMessageContaining("images_background, images_evaluation");
    }

    @Test
    void shouldRefuseASplitThatContradictsTheSetPointedAt() {
        assertThatThrownBy(() -> OmniglotLayout.locate(root.resolve("images_evaluation.zip"), "background"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is the Omniglot set images_evaluation, not images_background");
    }

    @Test
    void shouldRefuseAPathThatDoesNotExist() {
        assertThatThrownBy(() -> OmniglotLayout.locate(root.resolve("nowhere"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldLocateEverySetOfAFolderOfSets() throws IOException {
        try (OpenSets sets = new OpenSets(OmniglotLayout.locateAll(root))) {
            assertThat(sets.sets())
                    .extracting(OmniglotSet::name)
                    .containsExactly("images_background", "images_evaluation");
        }
    }

    @Test
    void shouldLocateTheOneSetThatAZipOrSetFolderIs() throws IOException {
        try (OpenSets sets = new OpenSets(OmniglotLayout.locateAll(root.resolve("images_evaluation.zip")))) {
            assertThat(sets.sets()).extracting(OmniglotSet::name).containsExactly("images_evaluation");
        }
        try (OpenSets sets = new OpenSets(OmniglotLayout.locateAll(root.resolve("images_background")))) {
            assertThat(sets.sets()).extracting(OmniglotSet::name).containsExactly("images_background");
        }
    }

    @Test
    void shouldPassOverFilesThatAreNeitherSetFoldersNorZips() throws IOException {
        Files.writeString(root.resolve("images_notes.txt"), "not a set");

        try (OpenSets sets = new OpenSets(OmniglotLayout.locateAll(root))) {
            assertThat(sets.sets())
                    .extracting(OmniglotSet::name)
                    .containsExactly("images_background", "images_evaluation");
        }
    }
}
