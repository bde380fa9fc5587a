package dev.modelmonitor.core.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One capability's part of a key's weekly report: a title, Markdown and a JSON object with explicit snake_case
 * field names. Implementations are immutable records.
 */
public interface ReportSection {

    /** @return the section's stable name, its field in the key's {@code sections} JSON object, e.g. "calibration" */
    String name();

    /** @return the heading of the section in Markdown */
    String title();

    /**
     * Appends the section's Markdown body (without its heading).
     *
     * @param out where to append
     */
    void appendMarkdown(StringBuilder out);

    /**
     * Writes the section's fields into its JSON object.
     *
     * @param node the section's object, empty
     */
    void writeJson(ObjectNode node);

    /**
     * One line for the report's all-keys summary table, or null when the section has none.
     *
     * @return the cells: what the section summarises for its key, in the order of {@link #summaryHeader()}
     */
    default String[] summaryRow() {
        return null;
    }

    /** @return the header cells of the summary table, or null */
    default String[] summaryHeader() {
        return null;
    }
}
