// Places (hospital, room, shop), their reviews and the forms that create them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/describe/class.hpp>

namespace daengtionary::place {

struct place_form {
  std::string title;
  std::string category;  // hospital, room or shop
  std::string content;
  std::string address;
};
BOOST_DESCRIBE_STRUCT(place_form, (), (title, category, content, address))

// A list row (MapResponseDto).
struct place_summary {
  std::int64_t map_no = 0;
  std::string category;
  std::string title;
  std::string address;
  std::string content;
  double star = 0;
  std::optional<std::string> image;  // the first image (lowest id)
  std::int64_t review_count = 0;
  std::int64_t wish_count = 0;
  std::int64_t views = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(place_summary, (),
                      (map_no, category, title, address, content, star, image, review_count, wish_count, views,
                       created_at, modified_at))

struct place_record {
  std::int64_t map_no = 0;
  std::int64_t member_no = 0;
  std::string nick;  // the author's
  std::string title;
  std::string category;
  std::string content;
  std::string address;
  double star = 0;
  std::int64_t views = 0;
  std::int64_t created_at = 0;
  std::int64_t modified_at = 0;
};
BOOST_DESCRIBE_STRUCT(place_record, (),
                      (map_no, member_no, nick, title, category, content, address, star, views, created_at,
                       modified_at))

struct review_record {
  std::int64_t review_no = 0;
  std::int64_t map_no = 0;
  std::int64_t member_no = 0;
  std::string nick;  // the reviewer's
  std::string content;
  std::optional<std::string> image;  // the reviewer's first dog image
  std::int64_t star = 0;
};
BOOST_DESCRIBE_STRUCT(review_record, (), (review_no, map_no, member_no, nick, content, image, star))

struct review_form {
  std::string content;
  std::int64_t star = 0;
};
BOOST_DESCRIBE_STRUCT(review_form, (), (content, star))

struct place_detail {
  place_record post;
  std::vector<std::string> images;
  std::vector<review_record> reviews;  // one page
  bool viewer_counted = false;         // this viewer's view was counted today before this read
};

// List filters; an empty string means no filter.
struct place_filter {
  std::string category;  // exact
  std::string title;     // substring, case-insensitive
  std::string content;   // substring, case-insensitive
  std::string nick;      // exact, the author's
  std::string address;   // substring, case-insensitive
};
BOOST_DESCRIBE_STRUCT(place_filter, (), (category, title, content, nick, address))

}  // namespace daengtionary::place
