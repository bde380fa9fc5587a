package dev.modelmonitor.core.recalibration;

/**
 * What an analysis was run on.
 *
 * @param trades             trades analysed
 * @param wins               of which won
 * @param meanConfidence     their mean raw confidence; NaN when there are none
 * @param fromMillis         the earliest resolution time, epoch ms; 0 when there are none
 * @param toMillis           the latest resolution time, epoch ms; 0 when there are none
 * @param keys               distinct model keys among them
 * @param tradesWithEnsemble trades that carried ensemble data
 */
public record DataSummary(int trades, int wins, double meanConfidence, long fromMillis, long toMillis, int keys,
                          int tradesWithEnsemble) {

    /**
     * Validates the counts.
     *
     * @throws IllegalArgumentException if a count is negative or wins exceed trades
     */
    public DataSummary {
        if (trades < 0 || wins < 0 || wins > trades || keys < 0 || tradesWithEnsemble < 0
                || tradesWithEnsemble > trades) {
            throw new IllegalArgumentException("counts must satisfy 0 <= wins, tradesWithEnsemble <= trades and "
                    + "keys >= 0, was trades=" + trades + " wins=" + wins + " keys=" + keys
                    + " tradesWithEnsemble=" + tradesWithEnsemble);
        }
    }

    /** @return trades - wins */
    public int losses() {
        return trades - wins;
    }

    /** @return wins / trades; NaN when there are none */
    public double winRate() {
        return trades == 0 ? Double.NaN : (double) wins / trades;
    }
}
