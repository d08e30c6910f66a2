-- The message queue's schema (tables prefixed msq_): queued customer messages, delete instructions
-- remembered for messages that have not arrived yet, and customers whose queue is due for redelivery.

-- One row per message, once (unique messageId); seq is the arrival order redelivery follows.
CREATE TABLE IF NOT EXISTS msq_messages (
  seq         bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
  message_id  varchar(255) NOT NULL,
  customer_id varchar(255) NOT NULL,
  source_id   varchar(255) NOT NULL,
  expires_at  datetime(3) NOT NULL,
  queued_at   datetime(3) NOT NULL,
  message     mediumtext NOT NULL,
  UNIQUE KEY msq_messages_message_id (message_id),
  KEY msq_messages_customer (customer_id, seq),
  KEY msq_messages_source (customer_id, source_id),
  KEY msq_messages_expires (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A delete instruction, kept for a while so that a message arriving after its instruction is not queued.
CREATE TABLE IF NOT EXISTS msq_deletes (
  customer_id varchar(255) NOT NULL,
  ref_kind    enum('message', 'source') NOT NULL,
  ref_id      varchar(255) NOT NULL,
  deleted_at  datetime(3) NOT NULL,
  PRIMARY KEY (customer_id, ref_kind, ref_id),
  KEY msq_deletes_deleted_at (deleted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- A customer who came online with messages queued: the redeliverer claims the row (moving due_at past a
-- lease), delivers, and deletes it unless a newer online event raised the generation meanwhile.
CREATE TABLE IF NOT EXISTS msq_wakeups (
  customer_id varchar(255) NOT NULL PRIMARY KEY,
  due_at      datetime(3) NOT NULL,
  generation  bigint unsigned NOT NULL DEFAULT 1,
  attempts    int unsigned NOT NULL DEFAULT 0,
  KEY msq_wakeups_due_at (due_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
