// Community posts, their comments and the forms that create them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

namespace daengtionary::community {

struct post_form {
  std::string category;  // 장터, 호텔, 병원, 자유 or "" (not chosen)
  std::string title;
  std::string content;
};
BOOST_DESCRIBE_STRUCT(post_form, (), (category, title, content))

// The author's first dog (lowest dog_no) gives the breed; the first dog that has an image gives the image.
struct author_dog {
  std::optional<std::string> breed;
  std::optional<std::string> image;
};

// A list row (CommunityResponseDto).
struct post_summary {
  std::int64_t community_no = 0;
  std::int64_t member_no = 0;  // the author
  std::string nick;
  std::optional<std::string> email;  // the author's (null in my posts, as the original)
  author_dog dog;
  std::string title;
  std::string category;
  std::int64_t views = 0;
  std::optional<std::string> image;  // the first image (lowest id)
  std::int64_t review_count = 0;
  std::int64_t wish_count = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(post_summary, (),
                      (community_no, member_no, nick, email, title, category, views, image, review_count, wish_count,
                       created_at, modified_at))

struct post_record {
  std::int64_t community_no = 0;
  std::int64_t member_no = 0;
  std::string nick;  // the author's
  author_dog dog;
  std::string category;
  std::string title;
  std::string content;
  std::int64_t views = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(post_record, (),
                      (community_no, member_no, nick, category, title, content, views, created_at, modified_at))

// A comment ("review" on the wire); its star is always 0.
struct comment_record {
  std::int64_t review_no = 0;
  std::int64_t community_no = 0;
  std::int64_t member_no = 0;
  std::string nick;  // the commenter's
  std::string content;
  std::optional<std::string> image;  // the commenter's first dog image, null without one
};
BOOST_DESCRIBE_STRUCT(comment_record, (), (review_no, community_no, member_no, nick, content, image))

struct post_detail {
  post_record post;
  std::vector<std::string> images;
  std::vector<comment_record> comments;  // one page, oldest first
  bool viewer_counted = false;           // this viewer's view was counted today before this read
};

// List filters, the query of GET /community/search (query_filter); an empty string means no filter.
struct post_filter {
  std::string category;  // exact
  std::string title;     // substring, case-insensitive
  std::string content;   // substring, case-insensitive
  std::string nick;      // exact, the author's
};
BOOST_DESCRIBE_STRUCT(post_filter, (), (category, title, content, nick))

}  // namespace daengtionary::community
