-- The market: trade posts, their images, per-day view records, and the trade column of wishes.
-- Dependent rows cascade in the schema as well as in the service's delete, so a delete cannot be blocked.
-- The CHECKs are the values the service accepts (contract §7.2 plus 예약중/판매완료 and 교환가능).
CREATE TABLE trade (
  trade_no {{id_primary_key}},
  member_no BIGINT NOT NULL REFERENCES member (member_no) ON DELETE CASCADE,
  title TEXT NOT NULL,
  address TEXT NOT NULL,
  stuff_status TEXT NOT NULL CHECK (stuff_status IN ('중고', '거의 새 것', '새 물건', '')),
  exchange TEXT NOT NULL CHECK (exchange IN ('교환불가', '교환가능')),
  content TEXT NOT NULL,
  post_status TEXT NOT NULL CHECK (post_status IN ('판매중', '예약중', '판매완료')),
  price BIGINT NOT NULL CHECK (price BETWEEN 0 AND 1000000000),
  views BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  modified_at BIGINT NOT NULL
);
CREATE INDEX trade_member_no ON trade (member_no);

CREATE TABLE trade_img (
  trade_img_no {{id_primary_key}},
  trade_no BIGINT NOT NULL REFERENCES trade (trade_no) ON DELETE CASCADE,
  trade_img TEXT NOT NULL
);
CREATE INDEX trade_img_trade_no ON trade_img (trade_no);

-- One row per trade, viewer ("m:<member_no>" or "ip:<address>") and Asia/Seoul day number.
CREATE TABLE trade_view (
  trade_no BIGINT NOT NULL REFERENCES trade (trade_no) ON DELETE CASCADE,
  viewer TEXT NOT NULL,
  day BIGINT NOT NULL,
  UNIQUE (trade_no, viewer, day)
);

ALTER TABLE wish ADD COLUMN trade_no BIGINT REFERENCES trade (trade_no) ON DELETE CASCADE;
CREATE UNIQUE INDEX wish_member_trade ON wish (member_no, trade_no);
CREATE INDEX wish_trade_no ON wish (trade_no);
