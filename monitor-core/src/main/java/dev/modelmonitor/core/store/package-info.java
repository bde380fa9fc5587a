/**
 * Stores: implementations of the {@link dev.modelmonitor.api.Store} persistence SPI.
 *
 * <p>{@link dev.modelmonitor.core.store.InMemoryStore} keeps bounded per-key rings on the heap, with
 * resolved predictions in columns so the monitor's resolve path appends without allocating. Every store
 * passes the same contract test kit.
 */
package dev.modelmonitor.core.store;
