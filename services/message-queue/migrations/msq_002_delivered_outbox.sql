-- The transactional outbox of deliveries: a message the gateway took (200) leaves msq_messages and gets a
-- row here in the same transaction, so each delivered message has exactly one row, relayed to
-- {brand}.customer-messages.delivered as prizedraw.customer-message-delivered.v1 (the CloudEvent id is this
-- id). The columns are those every outbox of the compliance database has (@prizedraw/service's relay).
CREATE TABLE IF NOT EXISTS msq_outbox (
  id           bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_type   varchar(100) NOT NULL,
  record_key   varchar(255) NOT NULL,
  data         longtext NOT NULL,
  occurred_at  datetime(3) NOT NULL,
  sent_at      datetime(3) NULL,
  KEY msq_outbox_unsent (sent_at, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
