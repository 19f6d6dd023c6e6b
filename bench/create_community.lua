-- wrk script: POST /community/create as the frontend sends it (multipart, `data` a JSON part, no image).
-- The Authorization header comes from wrk's -H.
local boundary = "----benchBoundary7MA4YWxkTrZu0gW"
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
wrk.body = "--" .. boundary .. "\r\n" ..
  'Content-Disposition: form-data; name="data"; filename="blob"\r\n' ..
  "Content-Type: application/json;charset=UTF-8\r\n\r\n" ..
  '{"title":"벤치마크 글","content":"오늘 산책 다녀왔어요. 날씨가 좋네요!","category":"자유"}\r\n' ..
  "--" .. boundary .. "--\r\n"
