package dev.modelmonitor.core.recalibration;

/**
 * How grave a failed safety check is, and what it weighs in the risk score
 * ({@code (critical * 0.5 + error * 0.3 + warning * 0.1) / checks}).
 */
public enum CheckLevel {
    /** Weighs 0.1. A failed warning alone does not block deployment. */
    WARNING(1),
    /** Weighs 0.3. A failed error-level check blocks deployment. */
    ERROR(3),
    /** Weighs 0.5. A failed critical check blocks deployment. */
    CRITICAL(5);

    private final int tenths;

    CheckLevel(int tenths) {
        this.tenths = tenths;
    }

    /** @return the weight in the risk score: 0.1, 0.3 or 0.5 */
    public double riskWeight() {
        return tenths / 10.0;
    }

    /** The weight in tenths, for exact band arithmetic. */
    int tenths() {
        return tenths;
    }

    /** @return true for ERROR and CRITICAL, whose failure blocks deployment */
    public boolean blocks() {
        return this != WARNING;
    }
}
