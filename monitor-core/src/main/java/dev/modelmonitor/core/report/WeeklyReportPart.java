package dev.modelmonitor.core.report;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A capability's contribution to the weekly report: for one key and week, its section, or nothing when the
 * capability has no data for that key. One method; see {@link WeeklyReport#DEFAULT_PARTS}.
 */
@FunctionalInterface
public interface WeeklyReportPart {

    /**
     * The section of one key for one week.
     *
     * @param monitor   the monitor reported on
     * @param key       the key
     * @param weekStart the first day of the week, inclusive
     * @param weekEnd   the last day, inclusive (weekStart + 6)
     * @return the section, or empty
     */
    Optional<ReportSection> section(ModelMonitor monitor, ModelKey key, LocalDate weekStart, LocalDate weekEnd);
}
