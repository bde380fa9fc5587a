package dev.modelmonitor.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The seeded simulation behind the figures published in {@code monitor-stats/DETECTORS.md} and in the
 * detectors' Javadoc: in-control run length to the first false alarm and detection delay after a drop of
 * a success rate, for each change detector at its default settings and for the fixed-window z-test.
 *
 * <p>Run: {@code mvn -B -o -q -pl monitor-stats test-compile} then
 * {@code java -cp monitor-stats/target/classes:monitor-stats/target/test-classes
 * dev.modelmonitor.stats.DetectorSimulation [replicates]} (default 2000 replicates).
 *
 * <p>Protocol. Outcomes are Bernoulli draws {@code u < p} with u from SplitMix64 ({@code (next() >>> 11) *
 * 2^-53}); replicate i of every scenario uses the seed {@code SEED + i}, so a run with fewer replicates
 * repeats the first replicates of a longer one exactly.
 * <ul>
 *   <li>In control: p = 0.62 throughout; the run length is the number of updates up to and including the
 *   first alarm, censored at {@value #CAP} updates (censored runs count as {@value #CAP} in the mean).</li>
 *   <li>Detection: {@value #CHANGE_AT} updates at p = 0.62, then p = 0.52; an alarm before the change is a
 *   false alarm, after which the detector is reset and the run continues (as a monitor would); the delay
 *   is the number of post-change updates up to and including the first alarm after the change, censored
 *   at {@value #CAP}.</li>
 * </ul>
 */
public final class DetectorSimulation {

    /** The base seed. */
    public static final long SEED = 20240601L;
    /** Run-length cap. */
    public static final int CAP = 20_000;
    /** Updates before the change in the detection scenario. */
    public static final int CHANGE_AT = 1000;
    /** In-control success rate. */
    public static final double P0 = 0.62;
    /** Out-of-control success rate. */
    public static final double P1 = 0.52;

    private DetectorSimulation() {
    }

    /** One detector as the simulation drives it. */
    interface Detector {
        boolean update(boolean success);

        void reset();
    }

    /** Summary of one scenario for one detector. */
    record Figures(String name, int replicates, double meanRunLength, double medianRunLength,
                   double alarmedFraction, double meanDelay, double medianDelay, double detectedFraction,
                   double falseAlarmBeforeChangeFraction) {
    }

    /** The five detectors at their default settings, by name. */
    static Object[][] detectors() {
        BernoulliCusum template = BernoulliCusum.forArl0(P0, P1, 1000);
        return new Object[][] {
            {"Bernoulli CUSUM (p0=0.62, p1=0.52, ARL0=1000)", (Supplier<Detector>) () -> {
                BernoulliCusum c = BernoulliCusum.fromSnapshot(template.snapshot());
                return new Detector() {
                    public boolean update(boolean s) {
                        return c.update(s);
                    }

                    public void reset() {
                        c.reset();
                    }
                };
            }},
            {"Page-Hinkley (River defaults, DECREASE)", (Supplier<Detector>) () -> {
                PageHinkley ph = new PageHinkley(PageHinkley.Direction.DECREASE);
                return new Detector() {
                    public boolean update(boolean s) {
                        return ph.update(s);
                    }

                    public void reset() {
                        ph.reset();
                    }
                };
            }},
            {"ADWIN (delta=0.002)", (Supplier<Detector>) () -> {
                Adwin a = new Adwin();
                return new Detector() {
                    public boolean update(boolean s) {
                        return a.update(s);
                    }

                    public void reset() {
                        a.reset();
                    }
                };
            }},
            {"z-test, window 50, one-sided alpha 0.05", (Supplier<Detector>) () -> zTest(50)},
        };
    }

    /** The fixed-window one-proportion z-test, checked after every update once the window is full. */
    static Detector zTest(int window) {
        RollingBooleanWindow w = new RollingBooleanWindow(window);
        return new Detector() {
            public boolean update(boolean s) {
                w.add(s);
                if (!w.isFull()) {
                    return false;
                }
                double z = Proportions.zStatistic(w.count(), window, P0);
                if (Normal.cdf(z) < 0.05) {
                    w.reset();
                    return true;
                }
                return false;
            }

            public void reset() {
                w.reset();
            }
        };
    }

    static Figures simulate(String name, Supplier<Detector> factory, int replicates) {
        double[] runLengths = new double[replicates];
        double[] delays = new double[replicates];
        int alarmed = 0;
        int detected = 0;
        int falseBefore = 0;
        for (int i = 0; i < replicates; i++) {
            StreamRandom rnd = new StreamRandom(SEED + i);
            Detector d = factory.get();
            int t = 0;
            while (t < CAP) {
                t++;
                if (d.update(rnd.nextDouble() < P0)) {
                    alarmed++;
                    break;
                }
            }
            runLengths[i] = t;

            rnd = new StreamRandom(~(SEED + i));
            d = factory.get();
            boolean falseAlarm = false;
            for (int s = 0; s < CHANGE_AT; s++) {
                if (d.update(rnd.nextDouble() < P0)) {
                    falseAlarm = true;
                    d.reset();
                }
            }
            if (falseAlarm) {
                falseBefore++;
            }
            int delay = 0;
            while (delay < CAP) {
                delay++;
                if (d.update(rnd.nextDouble() < P1)) {
                    detected++;
                    break;
                }
            }
            delays[i] = delay;
        }
        return new Figures(name, replicates, mean(runLengths), median(runLengths), (double) alarmed / replicates,
                mean(delays), median(delays), (double) detected / replicates, (double) falseBefore / replicates);
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    private static double median(double[] xs) {
        double[] c = xs.clone();
        Arrays.sort(c);
        int n = c.length;
        return n % 2 == 1 ? c[n / 2] : 0.5 * (c[n / 2 - 1] + c[n / 2]);
    }

    static Figures[] simulateAll(int replicates) {
        Object[][] ds = detectors();
        Figures[] out = new Figures[ds.length];
        for (int i = 0; i < ds.length; i++) {
            @SuppressWarnings("unchecked")
            Supplier<Detector> f = (Supplier<Detector>) ds[i][1];
            out[i] = simulate((String) ds[i][0], f, replicates);
        }
        return out;
    }

    /**
     * Prints the Markdown table of figures.
     *
     * @param args optional number of replicates (default 2000)
     */
    public static void main(String[] args) {
        int replicates = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        BernoulliCusum c = BernoulliCusum.forArl0(P0, P1, 1000);
        System.out.printf(Locale.ROOT, "CUSUM: h = %.4f (H = %d lattice units of %d per failure, %d per success),"
                        + " computed ARL0 = %.1f, computed zero-state ARL1 = %.1f%n", c.threshold(),
                c.snapshot().thresholdSteps(), c.snapshot().failureStep(), c.snapshot().successStep(),
                c.averageRunLength(P0), c.averageRunLength(P1));
        System.out.println("| detector | in-control mean run length (capped at " + CAP + ") | median | alarmed by "
                + CAP + " | mean delay 0.62 -> 0.52 | median delay | detected by " + CAP
                + " | false alarm in the " + CHANGE_AT + " updates before the change |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Figures f : simulateAll(replicates)) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.1f%% | %.1f | %.0f | %.1f%% | %.1f%% |%n", f.name(),
                    f.meanRunLength(), f.medianRunLength(), 100 * f.alarmedFraction(), f.meanDelay(),
                    f.medianDelay(), 100 * f.detectedFraction(), 100 * f.falseAlarmBeforeChangeFraction());
        }
        System.out.println("replicates per scenario: " + replicates + ", seeds " + SEED + " + i (in control) and ~("
                + SEED + " + i) (detection)");
    }

    /** SplitMix64 (Steele, Lea &amp; Flood 2014), mapped to doubles in [0, 1) by the top 53 bits. */
    static final class StreamRandom {
        private long state;

        StreamRandom(long seed) {
            this.state = seed;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }
    }
}
