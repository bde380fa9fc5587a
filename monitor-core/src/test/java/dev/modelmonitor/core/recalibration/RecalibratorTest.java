package dev.modelmonitor.core.recalibration;

import dev.modelmonitor.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecalibratorTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.of(Instant.parse("2026-02-10T14:30:22Z"));
    private final List<CalibrationConfig> told = new ArrayList<>();

    private Recalibrator recalibrator(TradeSource source) {
        return Recalibrator.builder(dir, source).clock(clock).addListener(told::add).build();
    }

    private static TradeSource good() {
        return TradeSource.of(Sim.trades(600, 11, Sim.OVERCONFIDENT, true));
    }

    private List<HistoryAction> actions(Recalibrator r) {
        return r.history().stream().map(HistoryEntry::action).collect(Collectors.toList());
    }

    @Test
    void analyzeCreatesAPendingJobWithBothReports() throws IOException {
        Recalibrator r = recalibrator(good());
        assertEquals("Trade count sufficient (600/50)", r.readiness().reason());
        CalibrationJob job = r.analyze();
        assertEquals("cal_20260210_143022", job.id());
        assertEquals(JobStatus.PENDING_APPROVAL, job.status(), job.refusal());
        assertTrue(job.validationPassed());
        assertEquals(RiskBand.LOW, job.risk().band());
        assertEquals(5, job.checks().size());
        assertTrue(job.confidence().enabled());
        assertEquals(600, job.summary().trades());
        assertEquals(600, job.summary().tradesWithEnsemble());
        assertEquals(dir.resolve("reports/calibration_cal_20260210_143022.md"), job.markdownReport());
        assertEquals(dir.resolve("jobs/cal_20260210_143022.json"), job.jsonReport());
        String md = Files.readString(job.markdownReport());
        assertTrue(md.contains("| Predicted confidence | Calibrated | Adjustment |"), md);
        assertTrue(md.contains("| 0.50 | "), md);
        assertTrue(md.contains("| 0.95 | "), md);
        assertTrue(md.contains("| xgb | 0.300 | 0.275 | -0.025 ↓ | -8.3% | 0.51 | 600 | Precision 0.51, below the ensemble's 0.56 |"), md);
        assertTrue(md.contains("| patchtst | 0.200 | 0.203 | +0.003 ↑ | +1.6% | 0.57 | 600 | Stable performance: "
                + "precision 0.57 vs ensemble 0.56; shifted to keep the sum at 1 |"), md);
        assertTrue(md.contains("`recalibrate approve cal_20260210_143022`"), md);
        assertTrue(md.contains("`recalibrate rollback`"), md);
        String json = Files.readString(job.jsonReport());
        assertTrue(json.contains("\"approve\" : \"recalibrate approve cal_20260210_143022\""), json);
        assertEquals(job, r.job(job.id()), "the job file reads back as the same job");
        assertEquals(List.of(HistoryAction.ANALYZED), actions(r));
        assertTrue(r.active().isNone());
    }

    @Test
    void analyzeRefusesBelowTheGateAndForcedRunsAreDryRuns() {
        Recalibrator r = recalibrator(TradeSource.of(Sim.trades(49, 2, Sim.OVERCONFIDENT, false)));
        assertEquals("calibration not authorized: Trade count insufficient (49/50): 1 more resolved trade needed",
                assertThrows(IllegalStateException.class, r::analyze).getMessage());
        CalibrationJob job = r.analyzeForced();
        assertEquals(JobStatus.DRY_RUN, job.status());
        String refusal = "job cal_20260210_143022 is a dry run (forced past the readiness gate: Trade count "
                + "insufficient (49/50): 1 more resolved trade needed) and cannot be approved";
        assertEquals(refusal, assertThrows(IllegalStateException.class, () -> r.approve(job.id())).getMessage());
        assertEquals(List.of(HistoryAction.ANALYZED, HistoryAction.REFUSED), actions(r));
        assertEquals(refusal, r.history().get(1).detail());
        assertFalse(Files.exists(r.activeFile()));
    }

    @Test
    void aBlockedJobCannotBeApproved() {
        // 95% wins: outcome diversity fails at ERROR level
        Recalibrator r = recalibrator(TradeSource.of(Sim.fixed(100, 95)));
        CalibrationJob job = r.analyze();
        assertEquals(JobStatus.BLOCKED, job.status());
        assertFalse(job.validationPassed());
        assertEquals(RiskBand.LOW, job.risk().band(), "the risk alone would not block: one error is 0.06");
        String refusal = "job cal_20260210_143022 is blocked (risk 8.0%, LOW); ERROR Outcome diversity: wins "
                + "95.0%, losses 5.0%; each must be at least 15.0%";
        assertEquals(refusal, job.refusal());
        assertEquals(refusal, assertThrows(IllegalStateException.class, () -> r.approve(job.id())).getMessage());
        assertTrue(r.active().isNone());
    }

    @Test
    void unknownOrMalformedJobIdsAreRefused() {
        Recalibrator r = recalibrator(good());
        assertEquals("unknown job 'cal_x': no " + dir.resolve("jobs/cal_x.json"),
                assertThrows(IllegalArgumentException.class, () -> r.approve("cal_x")).getMessage());
        assertEquals("jobId must match [A-Za-z0-9_.-]+, was '../calibration'",
                assertThrows(IllegalArgumentException.class, () -> r.approve("../calibration")).getMessage());
        assertEquals("jobId must match [A-Za-z0-9_.-]+, was null",
                assertThrows(IllegalArgumentException.class, () -> r.job(null)).getMessage());
    }

    @Test
    void deployAndRollbackRoundTrips() throws IOException {
        Recalibrator r = recalibrator(good());
        CalibrationJob first = r.analyze();
        Deployment d1 = r.approve(first.id());
        assertEquals(first.proposed(), d1.active());
        assertEquals("none", d1.replacedVersion());
        assertEquals(first.proposed(), r.active());
        assertEquals(List.of(first.proposed()), told);
        assertEquals(JobStatus.DEPLOYED, r.job(first.id()).status());
        Path archive = dir.resolve("calibration_archive");
        assertArrayEquals(Files.readAllBytes(r.activeFile()),
                Files.readAllBytes(archive.resolve(first.id() + "_deployed.json")));
        assertEquals(CalibrationConfig.none(), ConfigFormat.read(Files.readAllBytes(archive.resolve(first.id()
                + "_backup.json"))));
        assertEquals("job " + first.id() + " is already deployed; use rollback " + first.id() + " to return to it",
                assertThrows(IllegalStateException.class, () -> r.approve(first.id())).getMessage());

        clock.advance(Duration.ofHours(1));
        CalibrationJob second = r.analyze();
        assertEquals("cal_20260210_153022", second.id());
        byte[] firstBytes = Files.readAllBytes(r.activeFile());
        Deployment d2 = r.approve(second.id());
        assertEquals(first.id(), d2.replacedVersion());
        assertArrayEquals(firstBytes, Files.readAllBytes(archive.resolve(second.id() + "_backup.json")),
                "the backup is the replaced file, byte for byte");
        assertEquals(List.of(first.id(), second.id()), r.versions());

        Deployment back = r.rollback();
        assertEquals(HistoryAction.ROLLED_BACK, back.action());
        assertEquals(first.proposed(), r.active());
        assertArrayEquals(firstBytes, Files.readAllBytes(r.activeFile()));
        assertEquals(second.id(), back.replacedVersion());
        Deployment none = r.rollback();
        assertTrue(r.active().isNone());
        assertEquals(first.id(), none.replacedVersion());
        assertEquals("nothing to roll back: no calibration is active",
                assertThrows(IllegalStateException.class, r::rollback).getMessage());

        r.rollback(second.id());
        assertEquals(second.proposed(), r.active());
        assertEquals("version " + second.id() + " is already active",
                assertThrows(IllegalStateException.class, () -> r.rollback(second.id())).getMessage());
        assertEquals("unknown version 'cal_19990101_000000'; deployed versions: " + first.id() + ", " + second.id(),
                assertThrows(IllegalArgumentException.class, () -> r.rollback("cal_19990101_000000")).getMessage());
        assertEquals("version must match [A-Za-z0-9_.-]+, was 'a/b'",
                assertThrows(IllegalArgumentException.class, () -> r.rollback("a/b")).getMessage());
        r.rollback("none");
        assertTrue(r.active().isNone());

        assertEquals(List.of(HistoryAction.ANALYZED, HistoryAction.DEPLOYED, HistoryAction.REFUSED,
                HistoryAction.ANALYZED, HistoryAction.DEPLOYED, HistoryAction.ROLLED_BACK, HistoryAction.ROLLED_BACK,
                HistoryAction.REFUSED, HistoryAction.ROLLED_BACK, HistoryAction.REFUSED, HistoryAction.REFUSED,
                HistoryAction.ROLLED_BACK), actions(r));
        HistoryEntry deployed = r.history().get(4);
        assertEquals(second.id(), deployed.jobId());
        assertEquals(second.id(), deployed.version());
        assertEquals(first.id(), deployed.replacedVersion());
        assertEquals(6, told.size(), "each activation told the listener");
        assertTrue(told.get(5).isNone());
    }

    @Test
    void aCrashBetweenTheTempWriteAndTheRenameLeavesTheOldConfigActive() throws IOException {
        Recalibrator ok = recalibrator(good());
        CalibrationJob first = ok.analyze();
        ok.approve(first.id());
        byte[] before = Files.readAllBytes(ok.activeFile());
        clock.advance(Duration.ofMinutes(5));
        CalibrationJob second = ok.analyze();

        Deployer.Mover crashOnActive = (source, target) -> {
            if (target.getFileName().toString().equals(Deployer.ACTIVE)) {
                throw new IOException("simulated crash before rename");
            }
            Deployer.ATOMIC.move(source, target);
        };
        Recalibrator crashing = Recalibrator.builder(dir, good()).clock(clock).mover(crashOnActive).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> crashing.approve(second.id()));
        assertEquals("deployment failed, " + first.id() + " stays active: cannot write " + ok.activeFile()
                + ": simulated crash before rename", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(ok.activeFile()));
        assertEquals(first.proposed(), crashing.active());
        assertEquals(JobStatus.PENDING_APPROVAL, crashing.job(second.id()).status(), "still approvable");
        assertEquals(List.of(), temps(), "the failed write cleaned its temporary file");
        CalibrationLoader loader = CalibrationLoader.builder(dir).build();
        assertEquals(first.id(), loader.config().version());

        // retried with a working file system, it deploys
        ok.approve(second.id());
        assertEquals(second.proposed(), ok.active());
    }

    @Test
    void aLeftoverTempFileIsIgnoredByReadersAndRemovedOnStart() throws IOException {
        Recalibrator r = recalibrator(good());
        CalibrationJob job = r.analyze();
        r.approve(job.id());
        byte[] before = Files.readAllBytes(r.activeFile());
        Path stray = dir.resolve(".calibration.json.5eed.tmp");
        Files.writeString(stray, "{\"schema_version\" : 1, \"vers");   // torn by a crash
        CalibrationLoader loader = CalibrationLoader.builder(dir).build();
        assertEquals(job.id(), loader.config().version());
        assertEquals(0, loader.failures());
        assertArrayEquals(before, Files.readAllBytes(r.activeFile()));
        recalibrator(good());
        assertFalse(Files.exists(stray));
    }

    @Test
    void aCrashAfterTheRenameIsFinishedOnTheNextApproval() throws IOException {
        Recalibrator r = recalibrator(good());
        CalibrationJob job = r.analyze();
        byte[] pendingJobFile = Files.readAllBytes(job.jsonReport());
        r.approve(job.id());
        Files.write(job.jsonReport(), pendingJobFile);   // as if the process died before updating the job
        Deployment again = r.approve(job.id());
        assertEquals(job.proposed(), again.active());
        assertEquals(JobStatus.DEPLOYED, r.job(job.id()).status());
        assertEquals(List.of(HistoryAction.ANALYZED, HistoryAction.DEPLOYED), actions(r), "deployed once");
    }

    @Test
    void aCorruptActiveFileCanStillBeReplacedAndIsKeptAsTheBackup() throws IOException {
        Recalibrator r = recalibrator(good());
        Files.writeString(r.activeFile(), "not json");
        assertTrue(assertThrows(IllegalArgumentException.class, r::active).getMessage()
                .startsWith(r.activeFile() + " is malformed: calibration config is not valid JSON"));
        CalibrationJob job = r.analyze();
        Deployment d = r.approve(job.id());
        assertEquals("unreadable", d.replacedVersion());
        assertEquals("not json", Files.readString(dir.resolve("calibration_archive/" + job.id() + "_backup.json")));
    }

    @Test
    void jobIdsInTheSameSecondGetASuffix() {
        Recalibrator r = recalibrator(good());
        assertEquals("cal_20260210_143022", r.analyze().id());
        assertEquals("cal_20260210_143022_2", r.analyze().id());
        assertEquals("cal_20260210_143022_3", r.analyze().id());
    }

    @Test
    void aThrowingListenerDoesNotStopTheDeployment() {
        List<String> later = new ArrayList<>();
        Recalibrator r = Recalibrator.builder(dir, good()).clock(clock)
                .addListener(c -> {
                    throw new IllegalStateException("listener bug");
                })
                .addListener(c -> later.add(c.version())).build();
        CalibrationJob job = r.analyze();
        r.approve(job.id());
        assertEquals(List.of(job.id()), later);
        assertEquals(job.proposed(), r.active());
    }

    @Test
    void tradesFromAMonitorInProcess() {
        try (dev.modelmonitor.core.ModelMonitor m = dev.modelmonitor.core.ModelMonitor.builder().clock(clock).build()) {
            for (dev.modelmonitor.api.ResolvedPrediction p : Sim.resolved(60, 4, Sim.OVERCONFIDENT, true)) {
                long id = m.log(p.key(), p.prediction());
                m.resolve(id, p.outcome());
            }
            List<Trade> trades = TradeSource.fromMonitor(m, null).trades();
            assertEquals(60, trades.size());
            assertEquals(4, trades.get(0).components().size());
            assertEquals(Map.of("lgbm", 0.3, "nhits", 0.2, "patchtst", 0.2, "xgb", 0.3), trades.get(0).weights());
            assertEquals(60, TradeSource.fromMonitor(m, Sim.KEY).trades().size());
            assertEquals(Readiness.of(60), recalibrator(TradeSource.fromMonitor(m, null)).readiness());
        }
    }

    @Test
    void configFormatGoldenFileRoundTripsToIdenticalBytes() throws IOException {
        byte[] golden;
        try (InputStream in = getClass().getResourceAsStream("/recalibration/calibration-v1.json")) {
            golden = in.readAllBytes();
        }
        CalibrationConfig c = ConfigFormat.read(golden);
        assertEquals("cal_20260210_143022", c.version());
        assertEquals(Instant.parse("2026-02-10T14:30:22.125Z"), c.createdAt());
        assertEquals(Map.of("lgbm", 0.326, "nhits", 0.2, "patchtst", 0.2, "xgb", 0.274), c.weights());
        assertEquals(0.48, c.confidence().apply(0.3));
        assertEquals(0.55, c.confidence().apply(0.7));
        assertEquals(0.48 + (0.55 - 0.48) / (0.61 - 0.5) * (0.55 - 0.5), c.confidence().apply(0.55), 1e-15);
        assertEquals(new String(golden, StandardCharsets.UTF_8), new String(ConfigFormat.write(c), StandardCharsets.UTF_8));
        assertArrayEquals(golden, ConfigFormat.write(c));
        assertArrayEquals(ConfigFormat.write(CalibrationConfig.none()),
                ConfigFormat.write(ConfigFormat.read(ConfigFormat.write(CalibrationConfig.none()))));
    }

    @Test
    void malformedConfigsAreRejectedNamingTheField() {
        String base = "{\"schema_version\":1,\"version\":\"v1\",\"created_at\":\"2026-02-10T14:30:22Z\","
                + "\"confidence_calibration\":{\"enabled\":true,\"method\":\"isotonic\",\"thresholds_x\":[0.5,0.6],"
                + "\"thresholds_y\":[0.5,0.55]},\"ensemble_weights\":{\"a\":0.5}}";
        assertEquals("v1", read(base).version());
        assertEquals("schema_version must be 1, was 2", reject(base.replace("\"schema_version\":1", "\"schema_version\":2")));
        assertEquals("version must match [A-Za-z0-9_.-]+, was 'v 1'", reject(base.replace("\"v1\"", "\"v 1\"")));
        assertEquals("confidence_calibration: thresholdsY must be non-decreasing, was 0.45 after 0.5 at index 1",
                reject(base.replace("[0.5,0.55]", "[0.5,0.45]")));
        assertEquals("confidence_calibration: thresholdsY must be in [0, 1], was 1.5 at index 1",
                reject(base.replace("[0.5,0.55]", "[0.5,1.5]")));
        assertEquals("weights.a must be in [0, 1], was 1.5", reject(base.replace("\"a\":0.5", "\"a\":1.5")));
        assertEquals("ensemble_weights.a must be a number, was \"x\"", reject(base.replace("\"a\":0.5", "\"a\":\"x\"")));
        assertEquals("confidence_calibration.method must be isotonic, was 'platt'",
                reject(base.replace("isotonic", "platt")));
        assertEquals("created_at must be an ISO-8601 instant, was \"yesterday\"",
                reject(base.replace("2026-02-10T14:30:22Z", "yesterday")));
        assertEquals("thresholds_x must be an array of numbers, was null", reject(base.replace("thresholds_x", "tx")));
        assertTrue(reject("{\"schema_version\":1,").startsWith("calibration config is not valid JSON: "));
    }

    private static CalibrationConfig read(String json) {
        return ConfigFormat.read(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String reject(String json) {
        return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
    }

    private List<Path> temps() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    @Test
    void builderAndRecordsRejectBadInput() {
        assertEquals("configDirectory must not be null", assertThrows(IllegalArgumentException.class,
                () -> Recalibrator.builder(null, good())).getMessage());
        assertEquals("source must not be null", assertThrows(IllegalArgumentException.class,
                () -> Recalibrator.builder(dir, null)).getMessage());
        assertEquals("toolName must not be blank, was ' '", assertThrows(IllegalArgumentException.class,
                () -> Recalibrator.builder(dir, good()).toolName(" ")).getMessage());
        assertEquals("confidence must be in [0, 1], was 1.5", assertThrows(IllegalArgumentException.class,
                () -> Trade.of(1, Sim.KEY, 1.5, true, 0)).getMessage());
        assertEquals("weights.xgb must be in [0, 1], was NaN", assertThrows(IllegalArgumentException.class,
                () -> new CalibrationConfig("v", 0, ConfidenceMap.IDENTITY, Map.of("xgb", Double.NaN))).getMessage());
        assertEquals("holdBand must be in [0, 1), was 1.0", assertThrows(IllegalArgumentException.class,
                () -> TradeSource.fromStore(Sim.store(1, 1, c -> c, false), null, 0, 1, 1.0)).getMessage());
        assertEquals("toMillis must be >= fromMillis (5), was 4", assertThrows(IllegalArgumentException.class,
                () -> TradeSource.fromStore(Sim.store(1, 1, c -> c, false), null, 5, 4, 0.002)).getMessage());
    }
}
