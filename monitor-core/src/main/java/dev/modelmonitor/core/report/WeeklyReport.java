package dev.modelmonitor.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.export.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The weekly report of a monitor, per key and for all keys, as Markdown ({@link #toMarkdown()}) and JSON
 * ({@link #toJson()}), written by one call ({@code ModelMonitor.writeWeeklyReport(dir)}).
 *
 * <h2>Shape</h2>
 * A report covers the 7 days {@code weekStart..weekEnd} (both inclusive, in the calibration zone). Each key
 * gets one {@link ReportSection} per {@link WeeklyReportPart} that has data for it; a key with no section is
 * left out. The Markdown has a summary table of all keys (one per section kind that offers a summary row),
 * then one chapter per key with one sub-chapter per section. The JSON, schema version
 * {@value #SCHEMA_VERSION}, is:
 * <pre>
 * { "schema_version": 1, "report": "weekly", "week_start": "2026-01-05", "week_end": "2026-01-11",
 *   "generated_at": "2026-01-12T00:30:00Z",
 *   "keys": [ { "model": ..., "segment": ...,
 *               "sections": { "calibration": { ...CalibrationSection... },
 *                             "forecasts": { ...ForecastSection... } } } ] }
 * </pre>
 *
 * <h2>Adding a section</h2>
 * A capability adds its section by implementing {@link WeeklyReportPart} (returning its own
 * {@link ReportSection} record) and adding an instance to {@link #DEFAULT_PARTS}; its section then appears
 * after the calibration and forecast ones in every key's chapter and under its {@link ReportSection#name()} in the JSON.
 *
 * <p>Immutable; building one reads the monitor's store (O(keys x trend days)).
 */
public record WeeklyReport(LocalDate weekStart, LocalDate weekEnd, long generatedAtMillis, List<KeyReport> keys) {

    /** The version of the JSON layout. */
    public static final int SCHEMA_VERSION = 1;

    /** The parts every report is built from, in order: calibration, then forecasts. */
    public static final List<WeeklyReportPart> DEFAULT_PARTS = List.of(new CalibrationReportPart(),
            new ForecastReportPart());

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null or weekEnd is not weekStart + 6
     */
    public WeeklyReport {
        if (weekStart == null || weekEnd == null || keys == null) {
            throw new IllegalArgumentException("weekStart, weekEnd and keys must not be null");
        }
        if (!weekEnd.equals(weekStart.plusDays(6))) {
            throw new IllegalArgumentException("weekEnd must be weekStart + 6 days (" + weekStart.plusDays(6)
                    + "), was " + weekEnd);
        }
        keys = List.copyOf(keys);
    }

    /**
     * Builds the report of every key of a monitor.
     *
     * @param monitor the monitor
     * @param weekEnd the last day of the week
     * @param parts   the parts, in order
     * @return the report
     */
    public static WeeklyReport generate(ModelMonitor monitor, LocalDate weekEnd, List<WeeklyReportPart> parts) {
        LocalDate weekStart = weekEnd.minusDays(6);
        List<ModelKey> keys = new ArrayList<>(monitor.keys());
        keys.sort(Comparator.comparing(ModelKey::model).thenComparing(ModelKey::segment));
        List<KeyReport> reports = new ArrayList<>();
        for (ModelKey k : keys) {
            List<ReportSection> sections = new ArrayList<>();
            for (WeeklyReportPart part : parts) {
                Optional<ReportSection> s = part.section(monitor, k, weekStart, weekEnd);
                s.ifPresent(sections::add);
            }
            if (!sections.isEmpty()) {
                reports.add(new KeyReport(k, sections));
            }
        }
        return new WeeklyReport(weekStart, weekEnd, monitor.clock().millis(), reports);
    }

    /** @return the report as Markdown */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# Weekly model report: ").append(weekStart).append(" to ").append(weekEnd).append("\n\n");
        out.append("Generated ").append(Instant.ofEpochMilli(generatedAtMillis)).append(".\n\n");
        if (keys.isEmpty()) {
            out.append("No key has history in this period.\n");
            return out.toString();
        }
        out.append("## All keys\n\n");
        List<String> done = new ArrayList<>();
        for (KeyReport k : keys) {
            for (ReportSection s : k.sections()) {
                if (s.summaryHeader() == null || done.contains(s.name())) {
                    continue;
                }
                done.add(s.name());
                String[] header = s.summaryHeader();
                out.append("### ").append(s.name()).append("\n\n|");
                for (String h : header) {
                    out.append(' ').append(h).append(" |");
                }
                out.append("\n|");
                for (int i = 0; i < header.length; i++) {
                    out.append("---|");
                }
                out.append('\n');
                for (KeyReport other : keys) {
                    for (ReportSection t : other.sections()) {
                        if (t.name().equals(s.name()) && t.summaryRow() != null) {
                            out.append('|');
                            for (String c : t.summaryRow()) {
                                out.append(' ').append(c).append(" |");
                            }
                            out.append('\n');
                        }
                    }
                }
                out.append('\n');
            }
        }
        for (KeyReport k : keys) {
            out.append("## ").append(k.key()).append("\n\n");
            for (ReportSection s : k.sections()) {
                out.append("### ").append(s.title()).append("\n\n");
                s.appendMarkdown(out);
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** @return the report as JSON text */
    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schema_version", SCHEMA_VERSION);
        root.put("report", "weekly");
        root.put("week_start", weekStart.toString());
        root.put("week_end", weekEnd.toString());
        root.put("generated_at", Instant.ofEpochMilli(generatedAtMillis).toString());
        ArrayNode ks = root.putArray("keys");
        for (KeyReport k : keys) {
            ObjectNode o = ks.addObject();
            o.put("model", k.key().model());
            o.put("segment", k.key().segment());
            ObjectNode sections = o.putObject("sections");
            for (ReportSection s : k.sections()) {
                s.writeJson(sections.putObject(s.name()));
            }
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code weekly_report_<weekEnd>.md} and {@code weekly_report_<weekEnd>.json} into a directory
     * (created if missing), each to a temporary file atomically renamed.
     *
     * @param directory the directory
     * @return the two files, Markdown first
     * @throws UncheckedIOException naming the directory when a write fails
     */
    public List<Path> write(Path directory) {
        String base = "weekly_report_" + weekEnd;
        try {
            Files.createDirectories(directory);
            Path md = atomically(directory.resolve(base + ".md"), toMarkdown());
            Path json = atomically(directory.resolve(base + ".json"), toJson());
            return List.of(md, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weekly report into " + directory, e);
        }
    }

    private static Path atomically(Path target, String content) throws IOException {
        return AtomicFiles.write(target, content.getBytes(StandardCharsets.UTF_8));
    }
}
