// Matching posts ("댕매칭"): the namespace is `matching` because `friend` is a C++ keyword.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

#include "apps/daengtionary/mypage/dto.hpp"
#include "apps/daengtionary/post/dto.hpp"

namespace daengtionary::matching {

inline constexpr const char* open_status = "진행중";
inline constexpr const char* closed_status = "마감 완료";

struct post_form {
  std::string address;
  std::string category;  // 산책, 애견카페 or 자유
  std::string title;
  std::string content;
  std::int64_t max_count = 0;  // how many members may join, the author not counted
};
BOOST_DESCRIBE_STRUCT(post_form, (), (address, category, title, content, max_count))

struct post_record {
  std::int64_t friend_no = 0;
  std::int64_t member_no = 0;
  std::string address;
  std::string category;
  std::string title;
  std::string content;
  std::string status;  // 진행중 or 마감 완료
  std::int64_t max_count = 0;
  std::int64_t count = 0;  // members who joined
  std::int64_t room_no = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(post_record, (),
                      (friend_no, member_no, address, category, title, content, status, max_count, count, room_no,
                       created_at, modified_at))

// A list row (FriendResponseDto).
struct post_summary {
  std::int64_t friend_no = 0;
  std::string address;
  std::string category;
  std::string title;
  std::string content;
  std::string status;
  std::int64_t max_count = 0;
  std::int64_t count = 0;
  std::optional<std::string> image;  // the first image (lowest id)
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(post_summary, (),
                      (friend_no, address, category, title, content, status, max_count, count, image, created_at,
                       modified_at))

// The author as the detail shows them.
struct author_record {
  std::int64_t member_no = 0;
  std::string nick;
  std::string role;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};

// FriendDetailResponseDto's parts.
struct post_detail {
  post_record post;
  author_record author;
  std::vector<mypage::dog_record> dogs;  // the author's
  std::vector<post::image> images;
};

// List filters, the query of GET /friend (query_filter); an empty string means no filter.
struct post_filter {
  std::string category;  // exact
  std::string address;   // substring, case-insensitive
  std::string title;     // substring, case-insensitive
  std::string content;   // substring, case-insensitive
};
BOOST_DESCRIBE_STRUCT(post_filter, (), (category, address, title, content))

// What POST /friend/count answers: 참가 성공 or 참가 실패.
enum class join_outcome { joined, full };

}  // namespace daengtionary::matching
