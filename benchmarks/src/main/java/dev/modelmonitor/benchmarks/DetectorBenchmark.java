package dev.modelmonitor.benchmarks;

import dev.modelmonitor.stats.Adwin;
import dev.modelmonitor.stats.BernoulliCusum;
import dev.modelmonitor.stats.Normal;
import dev.modelmonitor.stats.PageHinkley;
import dev.modelmonitor.stats.Proportions;
import dev.modelmonitor.stats.RollingBooleanWindow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One update of each change detector at its default settings, on 2^16 in-control 0/1 outcomes (success
 * rate 0.62, {@link StreamData} seed 7) cycled through; the fixed-window z-test (window 50, tested after
 * every update) for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class DetectorBenchmark {

    private static final int MASK = (1 << 16) - 1;

    boolean[] outcomes;
    BernoulliCusum cusum;
    PageHinkley pageHinkley;
    Adwin adwin;
    RollingBooleanWindow window;
    int i;

    @Setup
    public void setUp() {
        outcomes = StreamData.bernoullis(7, MASK + 1, 0.62);
        cusum = BernoulliCusum.forArl0(0.62, 0.52, 1000);
        pageHinkley = new PageHinkley(PageHinkley.Direction.DECREASE);
        adwin = new Adwin();
        window = new RollingBooleanWindow(50);
        for (int k = 0; k < 50; k++) {
            window.add(outcomes[k]);
        }
    }

    @Benchmark
    public boolean cusumUpdate() {
        return cusum.update(outcomes[i++ & MASK]);
    }

    @Benchmark
    public boolean pageHinkleyUpdate() {
        return pageHinkley.update(outcomes[i++ & MASK]);
    }

    @Benchmark
    public boolean adwinUpdate() {
        return adwin.update(outcomes[i++ & MASK]);
    }

    @Benchmark
    public boolean zTestWindow50Update() {
        window.add(outcomes[i++ & MASK]);
        return Normal.cdf(Proportions.zStatistic(window.count(), 50, 0.62)) < 0.05;
    }
}
