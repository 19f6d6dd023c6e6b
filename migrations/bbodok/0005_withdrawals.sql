-- A withdrawal's cleanup, recorded with the WITHDRAWN mark in one transaction and finished by the withdrawal
-- worker: 'cleanup' (the member's rows, one transaction) then 'unlink' (Kakao, retried with back-off) then
-- 'done'. The row stays as the record of what happened.
CREATE TABLE withdrawal (
  member_id BIGINT PRIMARY KEY REFERENCES member (member_id),
  kakao_id BIGINT,  -- NULL for members made by dev sign-in: nothing to unlink
  stage TEXT NOT NULL CHECK (stage IN ('cleanup', 'unlink', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,  -- failed attempts at the current stage
  next_attempt_at BIGINT NOT NULL,  -- due from then; a claimed unlink is leased until then
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX withdrawal_due ON withdrawal (next_attempt_at) WHERE stage <> 'done';
