package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.api.ResolvedPrediction;
import dev.modelmonitor.api.Store;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.store.FileStore;
import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecalibrationToolTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-02-10T14:30:22Z"));
    private final List<Path> opened = new ArrayList<>();
    private int trades = 600;
    private String out;
    private String err;

    private int run(String stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        RecalibrationTool tool = RecalibrationTool.builder()
                .storeOpener(path -> {
                    opened.add(path);
                    Store store = Sim.store(trades, 11, Sim.OVERCONFIDENT, true);
                    return store;
                })
                .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .out(new PrintStream(o, true, StandardCharsets.UTF_8))
                .err(new PrintStream(e, true, StandardCharsets.UTF_8))
                .clock(clock).build();
        List<String> all = new ArrayList<>(List.of("--config", dir.resolve("config").toString(), "--store",
                dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = tool.run(all.toArray(new String[0]));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        clock.advance(Duration.ofMinutes(1));
        return code;
    }

    @Test
    void aFullCycleWithExitCodes() {
        assertEquals(0, run("", "check"), err);
        assertTrue(out.contains("Status: READY"), out);
        assertTrue(out.contains("Reason: Trade count sufficient (600/50)"), out);
        assertEquals(List.of(dir.resolve("data")), opened);

        assertEquals(0, run("", "run"), err);
        assertTrue(out.contains("Job ID:     cal_20260210_143122"), out);
        assertTrue(out.contains("Status:     PENDING_APPROVAL"), out);
        assertTrue(out.contains("Validation: PASSED"), out);
        assertTrue(out.contains("Risk:       0.0% (LOW)"), out);
        assertTrue(out.contains("2. Approve: recalibrate approve cal_20260210_143122"), out);
        assertTrue(Files.exists(dir.resolve("config/reports/calibration_cal_20260210_143122.md")));

        assertEquals(1, run("n\n", "approve", "cal_20260210_143122"));
        assertEquals("error: approval cancelled: nothing deployed\n", err);
        assertTrue(out.contains("Deploy cal_20260210_143122? [y/N] "), out);
        assertFalse(Files.exists(dir.resolve("config/calibration.json")));

        assertEquals(0, run("y\n", "approve", "cal_20260210_143122"), err);
        assertTrue(out.contains("DEPLOYED cal_20260210_143122 (replaced none)"), out);
        assertTrue(out.contains("Weight xgb: 0.300 -> 0.275 (-8.3%)"), out);
        assertTrue(Files.exists(dir.resolve("config/calibration.json")));

        assertEquals(1, run("", "approve", "cal_20260210_143122", "--yes"));
        assertEquals("error: job cal_20260210_143122 is already deployed; use rollback cal_20260210_143122 to "
                + "return to it\n", err);

        assertEquals(0, run("", "rollback"), err);
        assertTrue(out.contains("ROLLED BACK to none (was cal_20260210_143122)"), out);
        assertEquals(1, run("", "rollback"));
        assertEquals("error: nothing to roll back: no calibration is active\n", err);
        assertEquals(0, run("", "rollback", "cal_20260210_143122"), err);
        assertEquals(1, run("", "rollback", "cal_nope"));
        assertEquals("error: unknown version 'cal_nope'; deployed versions: cal_20260210_143122\n", err);

        assertEquals(0, run("", "history"), err);
        assertTrue(out.startsWith("CALIBRATION HISTORY (7 steps; active: cal_20260210_143122)"), out);
        assertTrue(out.contains("DEPLOYED    job cal_20260210_143122  active cal_20260210_143122 (was none)"), out);
        assertEquals(List.of(dir.resolve("data"), dir.resolve("data")), opened, "only check and run read the store");
    }

    @Test
    void notReadyAndForcedDryRun() {
        trades = 10;
        assertEquals(1, run("", "check"));
        assertTrue(out.contains("Status: NOT_READY"), out);
        assertEquals("error: not ready: Trade count insufficient (10/50): 40 more resolved trades needed\n", err);
        assertEquals(1, run("", "run"));
        assertEquals("error: calibration not authorized: Trade count insufficient (10/50): 40 more resolved trades "
                + "needed\n", err);
        assertEquals(0, run("", "run", "--force"), err);
        assertTrue(out.startsWith("FORCED: the readiness gate was skipped (Trade count insufficient (10/50): 40 more "
                + "resolved trades needed); this job is a dry run and cannot be approved"), out);
        assertTrue(out.contains("Status:     DRY_RUN"), out);
        assertEquals(1, run("", "approve", "cal_20260210_143222", "--yes"));
        assertTrue(err.startsWith("error: job cal_20260210_143222 is a dry run"), err);
    }

    @Test
    void aBlockedRunFailsWithTheReason() {
        // every trade wins: outcome diversity fails at ERROR level
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        RecalibrationTool tool = RecalibrationTool.builder().clock(clock)
                .storeOpener(path -> Sim.store(100, 3, c -> 1.0, false))
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .err(new PrintStream(e, true, StandardCharsets.UTF_8)).build();
        assertEquals(RecalibrationTool.EXIT_OK, tool.run("--config", dir.toString(), "check"));
        assertEquals(RecalibrationTool.EXIT_FAILED, tool.run("--config", dir.toString(), "run"));
        String msg = e.toString(StandardCharsets.UTF_8);
        assertTrue(msg.startsWith("error: job cal_20260210_143022 is blocked (risk "), msg);
        assertTrue(msg.contains("ERROR Outcome diversity: wins 100.0%, losses 0.0%"), msg);
        assertEquals(1, msg.lines().count(), "one line");
    }

    @Test
    void theDefaultOpenerNamesADirectoryWithoutAStoreAndCreatesNothing() {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        RecalibrationTool tool = RecalibrationTool.builder()
                .out(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .err(new PrintStream(e, true, StandardCharsets.UTF_8)).build();
        Path store = dir.resolve("monitor-data");
        assertEquals(1, tool.run("--config", dir.resolve("config").toString(), "--store", store.toString(), "check"));
        assertEquals("error: no file store in " + store.toAbsolutePath() + " (no such directory)\n",
                e.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(store));
    }

    /**
     * The whole cycle on a real store directory, written by a monitor that is still running (and holding the
     * directory's lock): the default opener reads it read-only and sees the same trades, ensemble data
     * included, as the monitor itself.
     */
    @Test
    void aFullCycleOnTheFileStoreOfARunningMonitor() throws Exception {
        Path storeDir = dir.resolve("monitor-data").resolve("store");
        MutableClock hostClock = MutableClock.of(Instant.ofEpochMilli(Sim.T0).minus(Duration.ofHours(1)));
        List<ResolvedPrediction> sim = Sim.resolved(600, 11, Sim.OVERCONFIDENT, true);
        try (ModelMonitor host = ModelMonitor.builder().clock(hostClock)
                .store(FileStore.builder(storeDir).clock(hostClock).build()).build()) {
            long[] ids = new long[sim.size()];
            for (int minute = 0; minute < sim.size() + 60; minute++) {
                if (minute < sim.size()) {
                    ids[minute] = host.log(Sim.KEY, sim.get(minute).prediction());
                }
                if (minute >= 60) {
                    assertTrue(host.resolve(ids[minute - 60], sim.get(minute - 60).outcome()));
                }
                hostClock.advance(Duration.ofMinutes(1));
            }
            host.flush();

            List<Trade> expected = TradeSource.fromMonitor(host, null).trades();
            try (FileStore reader = (FileStore) RecalibrationTool.READ_ONLY_FILE_STORE.open(storeDir)) {
                assertEquals(expected, TradeSource.fromStore(reader).trades());
            }
            assertEquals(Sim.trades(600, 11, Sim.OVERCONFIDENT, true), expected, "the same trades as the simulation");

            ByteArrayOutputStream o = new ByteArrayOutputStream();
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            String[] base = {"--config", dir.resolve("config").toString(), "--store", storeDir.toString()};
            java.util.function.BiFunction<String, String[], Integer> tool = (stdin, args) -> {
                o.reset();
                e.reset();
                List<String> all = new ArrayList<>(List.of(base));
                all.addAll(List.of(args));
                int code = RecalibrationTool.builder().clock(clock)
                        .in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                        .out(new PrintStream(o, true, StandardCharsets.UTF_8))
                        .err(new PrintStream(e, true, StandardCharsets.UTF_8)).build().run(all.toArray(new String[0]));
                clock.advance(Duration.ofMinutes(1));
                return code;
            };
            assertEquals(0, tool.apply("", new String[] {"check"}), e.toString());
            assertTrue(o.toString().contains("Reason: Trade count sufficient (600/50)"), o.toString());
            assertEquals(0, tool.apply("", new String[] {"run"}), e.toString());
            assertTrue(o.toString().contains("Status:     PENDING_APPROVAL"), o.toString());
            assertTrue(o.toString().contains("Weights:    4 models"), o.toString());
            assertEquals(0, tool.apply("y\n", new String[] {"approve", "cal_20260210_143122"}), e.toString());
            assertTrue(o.toString().contains("Weight xgb: 0.300 -> 0.275 (-8.3%)"), o.toString());
            assertTrue(o.toString().contains("DEPLOYED cal_20260210_143122 (replaced none)"), o.toString());
            assertEquals(0, tool.apply("", new String[] {"history"}), e.toString());
            assertTrue(o.toString().startsWith("CALIBRATION HISTORY (2 steps; active: cal_20260210_143122)"),
                    o.toString());
            assertEquals(0, tool.apply("", new String[] {"rollback"}), e.toString());
            assertTrue(o.toString().contains("ROLLED BACK to none (was cal_20260210_143122)"), o.toString());

            // the host keeps writing while the tool reads: the next check counts the new trade
            long id = host.log(Sim.KEY, sim.get(0).prediction());
            assertTrue(host.resolve(id, sim.get(0).outcome()));
            host.flush();
            assertEquals(0, tool.apply("", new String[] {"check"}), e.toString());
            assertTrue(o.toString().contains("(601/50)"), o.toString());
        }
    }

    @Test
    void helpPrintsTheDefaults() {
        assertEquals(0, run("", "--help"));
        assertTrue(out.contains("--config <dir>  calibration config directory (default: config)"), out);
        assertTrue(out.contains("--store <dir>   monitor store directory the trades are read from (default: "
                + "monitor-data/store)"), out);
        assertTrue(out.contains("approve <job> [--yes]"), out);
        assertEquals(RecalibrationTool.usage(), out);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run(""));
        assertEquals("error: no command given (see recalibrate --help)\n", err);
        assertEquals(2, run("", "train"));
        assertEquals("error: unknown command 'train' (see recalibrate --help)\n", err);
        assertEquals(2, run("", "check", "--verbose"));
        assertEquals("error: unknown option '--verbose' (see recalibrate --help)\n", err);
        assertEquals(2, run("", "approve"));
        assertEquals("error: approve needs a job id (see recalibrate --help)\n", err);
        assertEquals(2, run("", "check", "--force"));
        assertEquals("error: --force applies to run only (see recalibrate --help)\n", err);
        assertEquals(2, run("", "rollback", "--yes"));
        assertEquals("error: --yes applies to approve only (see recalibrate --help)\n", err);
        assertEquals(2, run("", "rollback", "a", "b"));
        assertEquals("error: too many arguments for rollback: a b (see recalibrate --help)\n", err);
        assertEquals(2, run("", "history", "--config"));
        assertEquals("error: --config needs a directory (see recalibrate --help)\n", err);
        assertEquals(1, run("", "approve", "cal_unknown"));
        assertTrue(err.startsWith("error: unknown job 'cal_unknown': no "), err);
        assertEquals(1, run("", "approve", "../x"));
        assertEquals("error: jobId must match [A-Za-z0-9_.-]+, was '../x'\n", err);
    }

    @Test
    void approvalAtEndOfInputIsCancelled() {
        assertEquals(0, run("", "run"), err);
        assertEquals(1, run("", "approve", "cal_20260210_143022"));
        assertEquals("error: approval cancelled: nothing deployed\n", err);
    }
}
