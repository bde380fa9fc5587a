package dev.modelmonitor.core.recalibration;

/** The band of a risk score. */
public enum RiskBand {
    /** Score &lt;= 0.20. */
    LOW,
    /** 0.20 &lt; score &lt;= 0.40. */
    MEDIUM,
    /** Score &gt; 0.40: deployment is blocked. */
    HIGH
}
