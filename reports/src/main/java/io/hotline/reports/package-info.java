/**
 * The documents the regulations ask for, made from the shared metric definitions over ClickHouse:
 * the annual 20-March usage report ({@code annual}) and the half-yearly quality audit ({@code
 * audit}); {@code document} holds the Word, Excel and chart helpers they share. The daily tables
 * they read are kept fresh by {@link io.hotline.schemas.clickhouse.DailyRollup}.
 */
package io.hotline.reports;
