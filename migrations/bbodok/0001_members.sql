-- Members (Kakao users), their refresh tokens and their web-push clients. Times are microseconds since the
-- Unix epoch (UTC); booleans are 0/1.
CREATE TABLE member (
  member_id {{id_primary_key}},
  name TEXT NOT NULL,
  profile TEXT,
  email TEXT,
  kakao_id BIGINT,  -- NULL for members made by dev sign-in
  status TEXT NOT NULL DEFAULT 'REGULAR' CHECK (status IN ('REGULAR', 'WITHDRAWN')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
-- A withdrawn member's Kakao account signs in as a new member, so uniqueness holds among the others only.
CREATE UNIQUE INDEX member_active_kakao_id ON member (kakao_id) WHERE status = 'REGULAR';

-- One refresh token per member, stored as a hash and replaced on every sign-in and refresh.
CREATE TABLE refresh_token (
  member_id BIGINT PRIMARY KEY REFERENCES member (member_id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

-- The member's FCM web-push token: one per member, the last one registered wins.
CREATE TABLE client (
  client_id {{id_primary_key}},
  member_id BIGINT NOT NULL UNIQUE REFERENCES member (member_id) ON DELETE CASCADE,
  fcm_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
