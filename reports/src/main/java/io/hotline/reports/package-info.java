/**
 * The documents the regulations ask for, made from the shared metric definitions over ClickHouse:
 * the annual 20-March usage report ({@code annual}) and the quality-audit documents. {@code rollup}
 * keeps the daily tables they read fresh; {@code document} holds the Word, Excel and chart helpers
 * the reports share.
 */
package io.hotline.reports;
