-- Web pushes due at the start of a reserved room (contract §7.7): one row per live reservation of a member who had
-- a web-push client when reserving; removed when the reservation is cancelled and once sent. Times are UTC
-- microseconds.
CREATE TABLE notification (
  notification_id {{id_primary_key}},
  member_id BIGINT NOT NULL REFERENCES member (member_id) ON DELETE CASCADE,
  room_id BIGINT NOT NULL REFERENCES room (room_id) ON DELETE CASCADE,
  notify_at BIGINT NOT NULL,   -- the room's start
  expires_at BIGINT NOT NULL,  -- the room's end: a push not sent by then is dropped
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before BIGINT NOT NULL DEFAULT 0,  -- claimed by a sender until, or retried from, this instant
  claim TEXT,  -- the sender's claim while it sends, so that each row goes out once whatever the instances
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX notification_reservation ON notification (room_id, member_id);
CREATE INDEX notification_due ON notification (notify_at);
CREATE INDEX notification_claim ON notification (claim);
