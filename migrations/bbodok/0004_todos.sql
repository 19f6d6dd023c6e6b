-- A member's todos in one of their groups. Deleted todos and done ones cleared at midnight are removed.
CREATE TABLE todo (
  todo_id {{id_primary_key}},
  member_id BIGINT NOT NULL REFERENCES member (member_id),
  group_id BIGINT NOT NULL REFERENCES study_group (group_id),
  content TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX todo_member_group ON todo (member_id, group_id);
CREATE INDEX todo_done ON todo (done) WHERE done = 1;
