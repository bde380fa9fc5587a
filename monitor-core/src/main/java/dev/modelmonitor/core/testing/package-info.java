/**
 * Test support for hosts' own unit tests and for this library's: a {@link dev.modelmonitor.core.testing.MutableClock}
 * that tests move by hand, a {@link dev.modelmonitor.core.testing.ManualScheduler} that runs scheduled work
 * when that clock is advanced, and alert sinks that record
 * ({@link dev.modelmonitor.core.testing.RecordingAlertSink}) or fail
 * ({@link dev.modelmonitor.core.testing.FailingAlertSink}).
 *
 * <p>Nothing here sleeps or starts a thread: time moves only when a test moves it, so tests are fast and
 * repeatable. The types ship in the main artifact so a host's tests need no extra dependency; production
 * code has no use for them.
 */
package dev.modelmonitor.core.testing;
