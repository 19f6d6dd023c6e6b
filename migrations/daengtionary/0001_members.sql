-- Members, their refresh tokens and their dogs. Times are microseconds since the Unix epoch (UTC).
CREATE TABLE member (
  member_no {{id_primary_key}},
  email TEXT NOT NULL UNIQUE,
  password TEXT NOT NULL,
  nick TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('USER', 'BUSINESS', 'ADMIN')),
  kakao_id BIGINT UNIQUE,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);

CREATE TABLE refresh_token (
  member_no BIGINT PRIMARY KEY REFERENCES member (member_no) ON DELETE CASCADE,
  token_hash TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE dog (
  dog_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  name TEXT NOT NULL,
  breed TEXT NOT NULL,
  gender TEXT NOT NULL CHECK (gender IN ('수컷', '암컷')),
  weight DOUBLE PRECISION NOT NULL,
  image TEXT,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX dog_member_no ON dog (member_no);
