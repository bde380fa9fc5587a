package dev.modelmonitor.examples;

import dev.modelmonitor.api.ForecastBaseline;
import dev.modelmonitor.api.ForecastConfig;
import dev.modelmonitor.api.ForecastPerformance;
import dev.modelmonitor.api.ModelKey;
import dev.modelmonitor.api.Outcome;
import dev.modelmonitor.api.Prediction;
import dev.modelmonitor.api.Quantiles;
import dev.modelmonitor.core.ModelMonitor;
import dev.modelmonitor.core.alert.Slf4jAlertSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The code example of docs/forecasts.md, as printed there, so it keeps compiling and working. */
class ForecastDocExampleTest {

    @Test
    void forecastsPageExample() {
        try (ModelMonitor monitor = ModelMonitor.builder()
                .forecastConfig(ForecastConfig.defaults())              // windows, band, ratios, horizon buckets
                .addSink(Slf4jAlertSink.create())
                .build()) {
            ModelKey key = ModelKey.of("revenue_plan", "tenant-42/meta");
            monitor.setForecastBaseline(key, ForecastBaseline.of(120.0, 0.08));   // backtest MAE and MAPE

            long id = monitor.log(key, Prediction.forecast(1_000.0, new Quantiles(850.0, 1_000.0, 1_180.0),
                    Duration.ofDays(1)).withSpend(250.0));
            // ... a day later:
            monitor.resolve(id, Outcome.value(940.0));

            ForecastPerformance p = monitor.forecastPerformance(key);  // last 200, last 7 and 30 days, flags
            double coverage = p.recent().tally().intervalCoverage();    // share of actuals inside p10-p90
            monitor.checkAll();                                         // ForecastAlerts go to the sinks

            assertEquals(1.0, coverage);
            assertEquals(60.0, p.recent().tally().mae());
            assertEquals(4.0, p.recent().tally().forecastRoas());
            assertEquals(3.76, p.recent().tally().actualRoas(), 1e-12);
        }
    }
}
