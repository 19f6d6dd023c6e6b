-- Study groups and memberships. A membership carries the member's colour for the group and the study time
-- earned in the group's rooms since joining (the ranking), so leaving and re-joining starts again from zero.
CREATE TABLE study_group (
  group_id {{id_primary_key}},
  owner_id BIGINT REFERENCES member (member_id),  -- NULL for the default group
  name TEXT NOT NULL,
  secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
  password_hash TEXT,  -- set for secret groups only
  path TEXT NOT NULL UNIQUE,  -- the invite code
  everyone INTEGER NOT NULL DEFAULT 0 CHECK (everyone IN (0, 1)),  -- the default group: joined by all, never left
  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),  -- set when the last member leaves
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- The first row of a new table gets id 1 on both dialects: the frontend selects group 1 by default and joins
-- every member to it after sign-in.
INSERT INTO study_group (owner_id, name, secret, path, everyone, created_at, updated_at)
VALUES (NULL, '전체', 0, 'everyone', 1, 0, 0);

CREATE TABLE membership (
  member_id BIGINT NOT NULL REFERENCES member (member_id),
  group_id BIGINT NOT NULL REFERENCES study_group (group_id),
  color TEXT,
  study_time BIGINT NOT NULL DEFAULT 0,  -- microseconds
  joined_at BIGINT NOT NULL,
  PRIMARY KEY (member_id, group_id)
);
CREATE INDEX membership_group ON membership (group_id);
