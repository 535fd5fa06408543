/**
 * A reprint's statuses in the report and the list filter, the most urgent first. A leaf module
 * (no imports): the admin imports it as a value without pulling the rules into its bundle.
 */
export const REPORT_STATUSES = ['expired', 'incomplete', 'expiring', 'complete'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
