-- Community posts, their images, comments ("reviews" on the wire), per-day view records, and the wish column
-- for posts. Dependent rows cascade in the schema as well as in the service's delete, so a delete cannot be
-- blocked.
CREATE TABLE community (
  community_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  category TEXT NOT NULL CHECK (category IN ('장터', '호텔', '병원', '자유', '')),
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  views BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX community_member_no ON community (member_no);
CREATE INDEX community_category ON community (category);
-- sort=new and sort=popular read these backwards and stop after one page.
CREATE INDEX community_created_at ON community (created_at, community_no);
CREATE INDEX community_views ON community (views, community_no);

CREATE TABLE community_img (
  community_img_no {{id_primary_key}},
  community_no BIGINT NOT NULL REFERENCES community (community_no) ON DELETE CASCADE,
  community_img_url TEXT NOT NULL
);
CREATE INDEX community_img_community_no ON community_img (community_no, community_img_no);

CREATE TABLE community_review (
  community_review_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  community_no BIGINT NOT NULL REFERENCES community (community_no) ON DELETE CASCADE,
  content TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
-- Counting a post's comments and paging them in id order.
CREATE INDEX community_review_community_no ON community_review (community_no, community_review_no);
CREATE INDEX community_review_member_no ON community_review (member_no);

-- One row per post, viewer ("m:<member_no>" or "ip:<address>") and Asia/Seoul day number.
CREATE TABLE community_view (
  community_no BIGINT NOT NULL REFERENCES community (community_no) ON DELETE CASCADE,
  viewer TEXT NOT NULL,
  day BIGINT NOT NULL,
  UNIQUE (community_no, viewer, day)
);

ALTER TABLE wish ADD COLUMN community_no BIGINT REFERENCES community (community_no) ON DELETE CASCADE;
CREATE UNIQUE INDEX wish_member_community ON wish (member_no, community_no);
CREATE INDEX wish_community_no ON wish (community_no);
