package dev.modelmonitor.core.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws IOException {
        Path target = dir.resolve("dashboard.json");
        AtomicFiles.write(target, "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"v\":1}", Files.readString(target));
        assertEquals(target, AtomicFiles.write(target, "{\"v\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"v\":2}", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "only the target is left");
        }
    }

    @Test
    void aMissingDirectoryFailsAndWritesNothing() {
        Path target = dir.resolve("missing").resolve("report.md");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, new byte[] {1}));
        assertEquals(false, Files.exists(target));
    }
}
