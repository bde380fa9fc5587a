package dev.modelmonitor.core.report;

import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.forecast.ForecastWeeklySection;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Builds a key's {@link ForecastSection} from its daily forecast history (the store), through
 * {@link ForecastWeeklySection#of(ModelMonitor, ModelKey, LocalDate)}: this week's and last week's figures,
 * the baseline, the flags the week raises and the actions. A key gets a section when it has forecasts: some
 * were resolved this week or last week, or it has forecast state (a resolved forecast since the monitor's
 * state began, or a forecast baseline). The weeks are the report's dates taken as UTC days, the days of the
 * forecast history.
 */
final class ForecastReportPart implements WeeklyReportPart {

    @Override
    public Optional<ReportSection> section(ModelMonitor monitor, ModelKey key, LocalDate weekStart,
                                           LocalDate weekEnd) {
        ForecastWeeklySection s = ForecastWeeklySection.of(monitor, key, weekStart);
        boolean hasForecasts = s.thisWeek().tally().count() > 0 || s.lastWeek().tally().count() > 0
                || monitor.forecastBaseline(key).isPresent() || monitor.forecastPerformance(key).totalResolved() > 0;
        return hasForecasts ? Optional.of(new ForecastSection(s)) : Optional.empty();
    }
}
