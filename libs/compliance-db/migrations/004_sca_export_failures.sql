-- 004: each failed attempt of an SCA export step, written by the export worker as it retries, so the
-- operations console can show why a draw's files are not delivered (the worker's log is not at hand there).
-- One row per attempt (at most one a minute per stuck draw: the worker's longest wait between attempts).
-- A failure of MariaDB itself cannot be written here: the worker logs it and carries on.
CREATE TABLE IF NOT EXISTS sca_export_failures (
  failure_id bigint unsigned NOT NULL AUTO_INCREMENT,
  draw_id    varchar(400) NOT NULL COMMENT '`${utm_content}-${start}-to-${end}`',
  step       varchar(32) NOT NULL COMMENT 'submission-log, definition, entries-file, ftp or s3',
  reason     varchar(2000) NOT NULL COMMENT 'the error as the worker logged it, cut at 2000 characters',
  failed_at  timestamp(3) NOT NULL,
  PRIMARY KEY (failure_id),
  KEY sca_export_failures_draw (draw_id, failure_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
