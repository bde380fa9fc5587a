package dev.modelmonitor.core.store;

import dev.modelmonitor.api.LoggedPrediction;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.StoreException;
import dev.modelmonitor.core.ModelMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real crashes: a child JVM ({@link CrashChild}) writes through a monitor on a file store and prints what
 * each returned call acknowledged; the test kills it with SIGKILL ({@code destroyForcibly}) at a random
 * moment, reopens the directory and checks that every acknowledged record is there, none twice. The same
 * directory goes through every kill, so each child also starts on the previous one's wreckage.
 */
class CrashTest {

    static final int EVERY_WRITE_KILLS = 15;
    static final int GROUP_COMMIT_KILLS = 4;

    @TempDir
    Path dir;

    private static Process start(Path dir, String mode, long seed) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx128m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), dir.toString(), mode, Long.toString(seed))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs a child until it printed {@code acks} lines after READY (or ended), kills it, returns its lines. */
    private static List<String> runAndKill(Path dir, String mode, long seed, int acks) throws Exception {
        Process p = start(dir, mode, seed);
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            int seen = -1;
            while ((line = in.readLine()) != null) {
                if (line.equals("READY")) {
                    seen = 0;
                    if (acks == 0) {
                        kill(p);
                    }
                    continue;
                }
                lines.add(line);
                if (seen >= 0 && ++seen == acks) {
                    kill(p);
                }
            }
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
        return lines;
    }

    /** SIGKILL through the process handle, which (unlike Process.destroyForcibly) leaves its output readable. */
    private static void kill(Process p) {
        p.toHandle().destroyForcibly();
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillUnderEveryWrite() throws Exception {
        SplittableRandom random = new SplittableRandom(20261124);
        Set<Long> ackedLogs = new HashSet<>();
        Set<Long> ackedResolutions = new HashSet<>();
        for (int kill = 0; kill < EVERY_WRITE_KILLS; kill++) {
            for (String line : runAndKill(dir, "every", kill, random.nextInt(0, 600))) {
                if (line.matches("L \\d+")) {
                    ackedLogs.add(Long.parseLong(line.substring(2)));
                } else if (line.matches("R \\d+")) {
                    ackedResolutions.add(Long.parseLong(line.substring(2)));
                }
            }
            checkEveryWrite(ackedLogs, ackedResolutions, kill);
        }
        assertTrue(ackedLogs.size() > 100, "the children acknowledged only " + ackedLogs.size() + " logs");
    }

    private void checkEveryWrite(Set<Long> ackedLogs, Set<Long> ackedResolutions, int kill) {
        try (FileStore store = FileStore.builder(dir).build()) {
            List<Long> logged = new ArrayList<>();
            store.scan(LoggedPrediction.class, null, Long.MIN_VALUE, Long.MAX_VALUE, r -> logged.add(r.id()));
            List<Long> resolved = new ArrayList<>();
            store.scan(ResolvedPrediction.class, null, Long.MIN_VALUE, Long.MAX_VALUE, r -> resolved.add(r.id()));
            Set<Long> loggedSet = new HashSet<>(logged);
            Set<Long> resolvedSet = new HashSet<>(resolved);
            assertEquals(logged.size(), loggedSet.size(), "a logged prediction written twice (kill " + kill + ")");
            assertEquals(resolved.size(), resolvedSet.size(), "a resolution written twice (kill " + kill + ")");
            for (long id : ackedLogs) {
                assertTrue(loggedSet.contains(id), "acknowledged log " + id + " lost (kill " + kill + ")");
            }
            for (long id : ackedResolutions) {
                assertTrue(resolvedSet.contains(id), "acknowledged resolution " + id + " lost (kill " + kill + ")");
            }
            assertTrue(loggedSet.containsAll(resolvedSet), "a resolution without its prediction (kill " + kill + ")");
            // a monitor rebuilt on the wreckage counts each prediction once and refuses acknowledged resolutions
            try (ModelMonitor m = ModelMonitor.builder().store(store).build()) {
                long pending = 0;
                long done = 0;
                for (ModelKey k : m.keys()) {
                    pending += m.status(k).pending();
                    done += m.status(k).resolved();
                }
                assertEquals(loggedSet.size(), pending + done, "kill " + kill);
                assertEquals(resolvedSet.size(), done, "kill " + kill);
                for (long id : ackedResolutions) {
                    assertFalse(m.resolve(id, Outcome.exitPrice(101.0)), "resolved twice: " + id);
                }
            }
        }
    }

    @Test
    void underGroupCommitEverythingBeforeAFlushSurvivesAndTheLossIsBounded() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        for (int kill = 0; kill < GROUP_COMMIT_KILLS; kill++) {
            List<Long> beforeFlush = new ArrayList<>();
            List<Long> sinceFlush = new ArrayList<>();
            for (String line : runAndKill(dir, "group", 100 + kill, random.nextInt(50, 1500))) {
                if (line.equals("D")) {
                    beforeFlush.addAll(sinceFlush);
                    sinceFlush.clear();
                } else if (line.matches("L \\d+")) {
                    sinceFlush.add(Long.parseLong(line.substring(2)));
                }
            }
            try (FileStore store = FileStore.builder(dir).build()) {
                Set<Long> logged = new HashSet<>();
                store.scan(LoggedPrediction.class, null, Long.MIN_VALUE, Long.MAX_VALUE, r -> logged.add(r.id()));
                // the loss window is what was logged since the last completed flush (or group commit): anything
                // older must be there
                assertTrue(logged.containsAll(beforeFlush), "a log acknowledged by a flush was lost");
            }
        }
    }

    @Test
    void aSecondProcessOnTheDirectoryIsRefusedUntilTheFirstDies() throws Exception {
        Process holder = start(dir, "hold", 0);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("READY", in.readLine());
            StoreException e = org.junit.jupiter.api.Assertions.assertThrows(StoreException.class,
                    () -> FileStore.builder(dir).build());
            assertEquals(StoreException.Reason.LOCKED, e.reason());
            assertEquals("store directory " + dir + " is in use by another process (it holds "
                    + dir.resolve("store.lock") + "); one process per directory", e.getMessage());
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        FileStore.builder(dir).build().close();
    }
}
