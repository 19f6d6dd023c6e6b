-- Places (hospital, room, shop), their images, reviews, per-day view records and members' wishes.
-- Dependent rows cascade in the schema as well as in the service's delete, so a delete cannot be blocked.
CREATE TABLE map (
  map_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  title TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('hospital', 'room', 'shop')),
  content TEXT NOT NULL,
  address TEXT NOT NULL,
  star DOUBLE PRECISION NOT NULL DEFAULT 0,
  views BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX map_member_no ON map (member_no);
CREATE INDEX map_category ON map (category);

CREATE TABLE map_img (
  map_img_no {{id_primary_key}},
  map_no BIGINT NOT NULL REFERENCES map (map_no) ON DELETE CASCADE,
  map_img_url TEXT NOT NULL
);
CREATE INDEX map_img_map_no ON map_img (map_no);

CREATE TABLE map_review (
  map_review_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  map_no BIGINT NOT NULL REFERENCES map (map_no) ON DELETE CASCADE,
  content TEXT NOT NULL,
  star INTEGER NOT NULL CHECK (star BETWEEN 1 AND 5),
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX map_review_map_no ON map_review (map_no);

-- One row per place, viewer ("m:<member_no>" or "ip:<address>") and Asia/Seoul day number.
CREATE TABLE map_view (
  map_no BIGINT NOT NULL REFERENCES map (map_no) ON DELETE CASCADE,
  viewer TEXT NOT NULL,
  day BIGINT NOT NULL,
  UNIQUE (map_no, viewer, day)
);

-- community_no and trade_no columns arrive with those features.
CREATE TABLE wish (
  wish_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  map_no BIGINT REFERENCES map (map_no) ON DELETE CASCADE,
  created_at BIGINT NOT NULL,
  UNIQUE (member_no, map_no)
);
CREATE INDEX wish_map_no ON wish (map_no);
