/**
 * Exporters: the dashboard JSON files written from a monitor's state.
 */
package dev.modelmonitor.core.export;
