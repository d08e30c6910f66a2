-- 003: how far ingestion's incremental reader of user_details got, per reader (brand).
-- Updated only after the entries up to `last_id` were acknowledged by Kafka (acks=all): a crash in between
-- sends those entries again, and dedupe drops the repeated entry ids.
CREATE TABLE IF NOT EXISTS ingestion_watermarks (
  reader     varchar(128) NOT NULL,
  last_id    bigint unsigned NOT NULL,
  updated_at timestamp(3) NOT NULL DEFAULT current_timestamp(3) ON UPDATE current_timestamp(3),
  PRIMARY KEY (reader)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
