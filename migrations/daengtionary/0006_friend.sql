-- Matching posts ("댕매칭"), their images and who joined them. Each post owns a group chat room that outlives it.
CREATE TABLE friend (
  friend_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  address TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('산책', '애견카페', '자유')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('진행중', '마감 완료')),
  max_count INTEGER NOT NULL CHECK (max_count >= 1),
  count INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
  room_no BIGINT NOT NULL REFERENCES chat_room (room_no),
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX friend_member_no ON friend (member_no);

CREATE TABLE friend_img (
  friend_img_no {{id_primary_key}},
  friend_no BIGINT NOT NULL REFERENCES friend (friend_no) ON DELETE CASCADE,
  friend_img TEXT NOT NULL
);
CREATE INDEX friend_img_friend_no ON friend_img (friend_no);

-- One join per member and post: the counter counts members, not clicks.
CREATE TABLE friend_join (
  friend_no BIGINT NOT NULL REFERENCES friend (friend_no) ON DELETE CASCADE,
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (friend_no, member_no)
);
