-- Rooms (one 25-minute study slot of a group), reservations of them, and entries into them.
CREATE TABLE room (
  room_id {{id_primary_key}},
  group_id BIGINT NOT NULL REFERENCES study_group (group_id),
  owner_id BIGINT NOT NULL REFERENCES member (member_id),
  start_time BIGINT NOT NULL,
  end_time BIGINT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),  -- emptied, or closed after its end
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK (end_time > start_time)
);
-- One live room per group and start: two members reserving the same slot at once make one room.
CREATE UNIQUE INDEX room_live_slot ON room (group_id, start_time) WHERE deleted = 0;
CREATE INDEX room_live_end ON room (end_time) WHERE deleted = 0;

-- A reservation is also where study time accumulates; a cancelled one keeps what it earned (study history
-- counts it), so it is marked rather than deleted.
CREATE TABLE reservation (
  reservation_id {{id_primary_key}},
  member_id BIGINT NOT NULL REFERENCES member (member_id),
  room_id BIGINT NOT NULL REFERENCES room (room_id),
  start_time BIGINT NOT NULL,  -- the room's, copied: study history groups by it
  end_time BIGINT NOT NULL,
  study_time BIGINT NOT NULL DEFAULT 0,  -- microseconds
  cancelled INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX reservation_live ON reservation (room_id, member_id) WHERE cancelled = 0;
CREATE INDEX reservation_member_start ON reservation (member_id, start_time);

CREATE TABLE room_entry (
  entry_id {{id_primary_key}},
  reservation_id BIGINT NOT NULL REFERENCES reservation (reservation_id),
  enter_time BIGINT NOT NULL,
  exit_time BIGINT
);
-- At most one open entry per reservation.
CREATE UNIQUE INDEX room_entry_open ON room_entry (reservation_id) WHERE exit_time IS NULL;
