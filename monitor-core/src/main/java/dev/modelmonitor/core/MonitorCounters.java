package dev.modelmonitor.core;

/**
 * The monitor's own health counters, since it was built.
 *
 * @param alertsPublished  alerts delivered to the sinks (each alert counted once, however many sinks)
 * @param sinkFailures     calls to a sink that threw (isolated, logged)
 * @param storeFailures    store calls that threw (isolated, logged; the monitor kept working in memory)
 * @param expired          predictions that passed their horizon plus grace unresolved
 * @param pendingOverflow  pending predictions currently held outside the id ring (the ring slot was taken
 *                         by an older pending prediction); a steadily growing figure means the pending
 *                         capacity is too small for the host's horizon
 * @param checks           completed {@code checkAll} runs
 * @param storeDegraded    true while the store cannot write (from a failed write, including one in a
 *                         store's background writer, until a write succeeds); the monitor keeps working in
 *                         memory, but what is not written is missing after a restart
 * @param storeDropped     records the store dropped because its write queue was full (only a store
 *                         configured to drop rather than block)
 * @param callbackFailures calls into the host's event listeners and retrain handler that threw (isolated,
 *                         logged)
 */
public record MonitorCounters(long alertsPublished, long sinkFailures, long storeFailures, long expired,
                              long pendingOverflow, long checks, boolean storeDegraded, long storeDropped,
                              long callbackFailures) {
}
