/**
 * Periodic reports: {@link dev.modelmonitor.core.report.WeeklyReport}, per key and for all keys, as Markdown
 * and JSON, built from parts ({@link dev.modelmonitor.core.report.WeeklyReportPart}) that each contribute one
 * {@link dev.modelmonitor.core.report.ReportSection} per key. The calibration and forecast parts ship here; another
 * capability adds its section by adding its part to {@link dev.modelmonitor.core.report.WeeklyReport#DEFAULT_PARTS}.
 */
package dev.modelmonitor.core.report;
