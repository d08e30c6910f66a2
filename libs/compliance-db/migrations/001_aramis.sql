-- 001: the compliance database `aramis` as the contest system knows it.
-- Applied by migrate() of @prizedraw/compliance-db and by deploy/local/stack up (same files, same
-- schema_migrations bookkeeping: version = file name without .sql, checksum = sha256 of the file).
-- IF NOT EXISTS everywhere: DDL is not transactional in MariaDB, so a half-applied migration
-- must be safe to run again (it is recorded in schema_migrations only after it fully succeeded).

-- Contests, exactly as in the production schema (seed document 000): do not "improve" it,
-- the scheduler and the SCA export must work against the real table definition.
CREATE TABLE IF NOT EXISTS consumer_pathways_contests
(
consumer_pathways_contest_id
int(10) unsigned NOT NULL AUTO_INCREMENT,
utm_content
varchar(256) DEFAULT NULL,
human_readable_name
varchar(256) DEFAULT NULL,
ruleset
enum('giftcard','brandvsbrand','bigcash','dailysweeps','gift-card','brand-v-brand','daily-sweeps','big-cash') DEFAULT NULL,
frequency
enum('daily','weekly','monthly','quarterly','annually') DEFAULT NULL COMMENT 'annually defined as October 1 to September 30',
start_date
date DEFAULT NULL,
dedupe_on_email
tinyint(1) DEFAULT 0,
creation_date
timestamp NOT NULL DEFAULT current_timestamp(),
end_date
date DEFAULT NULL,
status
tinyint(1) DEFAULT 1,
timezone
varchar(64) DEFAULT 'America/New_York',
site
varchar(32) DEFAULT '2017',
PRIMARY KEY (consumer_pathways_contest_id
)
) ENGINE=InnoDB DEFAULT CHARSET=latin1;

-- Contest entries (one row per entry through a landing page). Polled incrementally by ingestion:
--   SELECT ... FROM user_details WHERE user_details_id > ? ORDER BY user_details_id LIMIT ?
-- (the primary key is the watermark). utf8mb4: names and e-mail local parts are not latin1.
CREATE TABLE IF NOT EXISTS user_details (
  user_details_id bigint unsigned NOT NULL AUTO_INCREMENT,
  utm_content     varchar(256) NOT NULL,
  email           varchar(320) NOT NULL,
  first_name      varchar(128) NULL,
  last_name       varchar(128) NULL,
  phone           varchar(32) NULL,
  site            varchar(32) NOT NULL DEFAULT '2017',
  account_id      varchar(64) NULL,
  entry_id        varchar(64) NOT NULL COMMENT 'idempotency key: the same entry submitted twice is one row',
  created_at      timestamp(3) NOT NULL DEFAULT current_timestamp(3),
  PRIMARY KEY (user_details_id),
  UNIQUE KEY uq_user_details_entry_id (entry_id),
  -- SCA export: the entries of one contest in one period.
  KEY ix_user_details_utm_content_created_at (utm_content, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per SCA file pair delivered; draw_id is unique so a redelivered trigger does not submit twice.
CREATE TABLE IF NOT EXISTS sca_submissions (
  submission_id bigint unsigned NOT NULL AUTO_INCREMENT,
  draw_id       varchar(400) NOT NULL,
  txt_name      varchar(512) NOT NULL,
  hsh_name      varchar(512) NOT NULL,
  sha256        char(64) CHARACTER SET ascii NOT NULL COMMENT 'lowercase hex sha256 of the .txt',
  txt_bytes     bigint unsigned NOT NULL,
  hsh_bytes     bigint unsigned NOT NULL,
  `rows`        bigint unsigned NOT NULL COMMENT 'entries in the .txt; ROWS is a reserved word: always quote it',
  started_at    timestamp(3) NOT NULL DEFAULT current_timestamp(3),
  finished_at   timestamp(3) NULL DEFAULT NULL COMMENT 'NULL while the upload is in progress',
  PRIMARY KEY (submission_id),
  UNIQUE KEY uq_sca_submissions_draw_id (draw_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
