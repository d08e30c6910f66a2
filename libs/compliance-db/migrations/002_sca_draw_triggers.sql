-- 002: what the scheduler triggered, so running it again triggers nothing new.
-- One row per SCA draw (contest period), written after the trigger was acknowledged by Kafka: a crash in
-- between triggers the draw again on the next run, which is harmless (a draw triggered twice draws once).
CREATE TABLE IF NOT EXISTS sca_draw_triggers (
  draw_id      varchar(400) NOT NULL,
  contest_id   int(10) unsigned NOT NULL,
  as_of        timestamp(3) NOT NULL COMMENT 'the scheduler run (as-of instant) that triggered it',
  triggered_at timestamp(3) NOT NULL DEFAULT current_timestamp(3),
  PRIMARY KEY (draw_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
