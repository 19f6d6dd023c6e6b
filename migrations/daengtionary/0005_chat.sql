-- Chat rooms (1:1 and the matching groups), their members and messages.
-- personal_key is "<lower member_no>:<higher member_no>" for personal rooms and NULL for group rooms, so the
-- database keeps one personal room per pair even when two requests create it at once.
CREATE TABLE chat_room (
  room_no {{id_primary_key}},
  type TEXT NOT NULL CHECK (type IN ('personal', 'group')),
  title TEXT NOT NULL,
  personal_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);

-- enter_status: 1 once the member's ENTER message was sent (each member enters a room once in its life).
-- last_read_message_no: the newest message the member has read, for unread counts.
CREATE TABLE chat_room_member (
  room_no BIGINT NOT NULL REFERENCES chat_room (room_no) ON DELETE CASCADE,
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  enter_status INTEGER NOT NULL DEFAULT 0,
  last_read_message_no BIGINT NOT NULL DEFAULT 0,
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (room_no, member_no)
);
CREATE INDEX chat_room_member_member_no ON chat_room_member (member_no);

-- sender keeps the nick at sending time; responses show the member's current nick while member_no is set.
-- date is the Korean date string the frontend parses (contract §1.6).
CREATE TABLE chat_message (
  message_no {{id_primary_key}},
  room_no BIGINT NOT NULL REFERENCES chat_room (room_no) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('SYSTEM', 'ENTER', 'TALK')),
  member_no BIGINT REFERENCES member (member_no) ON DELETE SET NULL,
  sender TEXT NOT NULL,
  message TEXT NOT NULL,
  date TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX chat_message_room_no ON chat_message (room_no, message_no);
