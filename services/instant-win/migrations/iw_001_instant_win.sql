-- Instant-win campaigns (seed 002). Tables are prefixed iw_ so the service can share a database with the
-- compliance schema (the local stack's `aramis`); versions are prefixed too, in the same schema_migrations.
-- Instants are datetime(3) in UTC (every session runs in UTC): timestamp ends in 2038.

CREATE TABLE IF NOT EXISTS iw_customers (
  id          varchar(64) NOT NULL PRIMARY KEY,
  phone_e164  varchar(16) NOT NULL,
  created_at  datetime(3) NOT NULL
) ENGINE=InnoDB;

CREATE TABLE IF NOT EXISTS iw_campaigns (
  id          char(36) NOT NULL PRIMARY KEY,
  name        varchar(200) NOT NULL,
  opens_at    datetime(3) NOT NULL,
  closes_at   datetime(3) NOT NULL,
  time_zone   varchar(64) NOT NULL,
  currency    char(3) NOT NULL,
  closed_at   datetime(3) NULL,
  created_at  datetime(3) NOT NULL
) ENGINE=InnoDB;

-- remaining / daily_remaining are decremented only by a conditional UPDATE (WHERE … > 0) in the transaction
-- that records the winning draw; daily_date is the campaign-local day daily_remaining belongs to: a draw on
-- another day starts again from daily_quota (the seed's last_drawn_date rule).
CREATE TABLE IF NOT EXISTS iw_coupon_types (
  id                char(36) NOT NULL PRIMARY KEY,
  campaign_id       char(36) NOT NULL,
  position          smallint unsigned NOT NULL,
  name              varchar(200) NOT NULL,
  face_value_minor  bigint unsigned NOT NULL,
  probability_ppb   int unsigned NOT NULL,
  total_quota       int unsigned NOT NULL,
  daily_quota       int unsigned NOT NULL,
  redeemable_days   int unsigned NOT NULL,
  remaining         int unsigned NOT NULL,
  daily_remaining   int unsigned NOT NULL,
  daily_date        date NULL,
  UNIQUE KEY iw_coupon_types_position (campaign_id, position),
  CONSTRAINT iw_coupon_types_campaign FOREIGN KEY (campaign_id) REFERENCES iw_campaigns (id)
) ENGINE=InnoDB;

-- The unique key is the daily limit: of two requests of one customer on one local day, only one row commits.
CREATE TABLE IF NOT EXISTS iw_draws (
  id                      char(36) NOT NULL PRIMARY KEY,
  campaign_id             char(36) NOT NULL,
  customer_id             varchar(64) NOT NULL,
  local_date              date NOT NULL,
  drawn_at                datetime(3) NOT NULL,
  sampled_coupon_type_id  char(36) NULL,
  UNIQUE KEY iw_draws_once_a_day (campaign_id, customer_id, local_date),
  CONSTRAINT iw_draws_campaign FOREIGN KEY (campaign_id) REFERENCES iw_campaigns (id),
  CONSTRAINT iw_draws_customer FOREIGN KEY (customer_id) REFERENCES iw_customers (id)
) ENGINE=InnoDB;

-- Created lazily, only when a draw wins: one coupon per winning draw.
CREATE TABLE IF NOT EXISTS iw_coupons (
  code            char(26) NOT NULL PRIMARY KEY,
  draw_id         char(36) NOT NULL,
  campaign_id     char(36) NOT NULL,
  coupon_type_id  char(36) NOT NULL,
  customer_id     varchar(64) NOT NULL,
  issued_at       datetime(3) NOT NULL,
  expires_at      datetime(3) NOT NULL,
  redeemed_at     datetime(3) NULL,
  UNIQUE KEY iw_coupons_draw (draw_id),
  KEY iw_coupons_coupon_type (coupon_type_id),
  CONSTRAINT iw_coupons_draw FOREIGN KEY (draw_id) REFERENCES iw_draws (id),
  CONSTRAINT iw_coupons_type FOREIGN KEY (coupon_type_id) REFERENCES iw_coupon_types (id)
) ENGINE=InnoDB;

-- The transactional outbox: written in the transaction of the draw or redemption it reports, relayed to
-- {brand}.instant-win.events; the event's CloudEvent id is this id.
CREATE TABLE IF NOT EXISTS iw_outbox (
  id           bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_type   varchar(100) NOT NULL,
  record_key   varchar(64) NOT NULL,
  data         longtext NOT NULL,
  occurred_at  datetime(3) NOT NULL,
  sent_at      datetime(3) NULL,
  KEY iw_outbox_unsent (sent_at, id)
) ENGINE=InnoDB;
