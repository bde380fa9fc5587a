package dev.modelmonitor.core.recalibration;

/**
 * The fixed safety limits of calibration-only learning. They are constants, not settings, on purpose: a
 * limit that a configuration file can loosen is not a safety limit. Every figure here is the seed's.
 *
 * <ul>
 *   <li>{@link #MIN_TRADES}: resolved trades needed before an analysis is authorized (the readiness gate);</li>
 *   <li>{@link #MIN_CONFIDENCE_IMPROVEMENT}: the out-of-sample MSE of confidence must fall by at least this
 *       fraction or confidence calibration is disabled;</li>
 *   <li>{@link #MAX_WEIGHT_CHANGE}: no ensemble weight moves by more than this fraction of its current
 *       value;</li>
 *   <li>{@link #MIN_WEIGHT} and {@link #MAX_WEIGHT}: every ensemble weight stays inside these bounds;</li>
 *   <li>{@link #WEIGHT_SUM_TOLERANCE}: the weights sum to 1 within this;</li>
 *   <li>{@link #MIN_OUTCOME_DIVERSITY}: at least this fraction of wins and of losses;</li>
 *   <li>{@link #LOW_RISK_MAX} and {@link #MEDIUM_RISK_MAX}: the risk bands' upper bounds.</li>
 * </ul>
 * Not instantiable.
 */
public final class SafetyPolicy {

    /** Resolved trades needed before calibration is authorized: 50. */
    public static final int MIN_TRADES = 50;
    /** Minimum relative reduction of the out-of-sample MSE of confidence: 5%. */
    public static final double MIN_CONFIDENCE_IMPROVEMENT = 0.05;
    /** Largest change of one ensemble weight, as a fraction of its current value: 10%. */
    public static final double MAX_WEIGHT_CHANGE = 0.10;
    /** Smallest ensemble weight: 0.15. */
    public static final double MIN_WEIGHT = 0.15;
    /** Largest ensemble weight: 0.40. */
    public static final double MAX_WEIGHT = 0.40;
    /** How far the weights' sum may be from 1: 0.001. */
    public static final double WEIGHT_SUM_TOLERANCE = 0.001;
    /** Smallest share of wins, and of losses, among the trades: 15%. */
    public static final double MIN_OUTCOME_DIVERSITY = 0.15;
    /** Risk scores up to this are LOW: 0.20. */
    public static final double LOW_RISK_MAX = 0.20;
    /** Risk scores up to this (and above {@link #LOW_RISK_MAX}) are MEDIUM; above it HIGH, which blocks: 0.40. */
    public static final double MEDIUM_RISK_MAX = 0.40;
    /**
     * The share of the newest trades held out to measure the MSE out of sample: 30%. The map is fitted on
     * the older 70% and scored on the newer 30%, as it will be used: fitted on the past, applied to the
     * future.
     */
    public static final double HOLDOUT_FRACTION = 0.30;
    /** Directional (UP/DOWN) calls a component needs before its precision moves its weight: 20. */
    public static final int MIN_COMPONENT_CALLS = 20;
    /** A component whose precision is within this of the ensemble's weighted mean keeps its weight: 0.02. */
    public static final double STABLE_PRECISION_BAND = 0.02;

    /**
     * Trades the lowest and the highest step of the confidence map must each hold: 10. Isotonic regression
     * sets its end steps to the win rate of whatever few trades sit at the edge of the confidence range (a
     * single lost trade at the bottom maps the lowest confidences to 0); the ends are pooled inwards until
     * each holds this many.
     */
    public static final int MIN_TRADES_PER_END_STEP = 10;

    /** Slack for floating-point rounding when a figure is compared with a limit: 1e-12. */
    static final double EPSILON = 1e-12;

    private SafetyPolicy() {
    }
}
