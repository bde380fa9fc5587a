/**
 * Stores: implementations of the {@link dev.modelmonitor.api.Store} persistence SPI.
 *
 * <p>{@link dev.modelmonitor.core.store.InMemoryStore} keeps bounded per-key rings on the heap, with
 * resolved predictions in columns so the monitor's resolve path appends without allocating.
 * {@link dev.modelmonitor.core.store.FileStore} keeps them in a directory of JSON Lines segments that a
 * restarted monitor rebuilds from (format: {@code docs/file-store.md}; line codec: {@code RecordCodec}),
 * or, opened read-only, lets a tool read what a running host stores. Every store passes the same contract
 * test kit.
 */
package dev.modelmonitor.core.store;
