package dev.modelmonitor.core.report;

import dev.modelmonitor.api.ModelKey;

import java.util.List;

/**
 * One key's part of a weekly report: a section per capability with data for it.
 *
 * @param key      the key
 * @param sections its sections, in the order of the parts
 */
public record KeyReport(ModelKey key, List<ReportSection> sections) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a reference is null
     */
    public KeyReport {
        if (key == null || sections == null) {
            throw new IllegalArgumentException("key and sections must not be null");
        }
        sections = List.copyOf(sections);
    }

    /**
     * @param type a section type
     * @param <T>  the type
     * @return the first section of that type, or null
     */
    public <T extends ReportSection> T section(Class<T> type) {
        for (ReportSection s : sections) {
            if (type.isInstance(s)) {
                return type.cast(s);
            }
        }
        return null;
    }
}
