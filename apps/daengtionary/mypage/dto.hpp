// Dogs on a member's page.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <boost/describe/class.hpp>

namespace daengtionary::mypage {

struct dog_record {
  std::int64_t dog_no = 0;
  std::int64_t member_no = 0;
  std::string name;
  std::string breed;
  std::string gender;  // 수컷 or 암컷
  double weight = 0;
  std::optional<std::string> image;  // public URL
};
BOOST_DESCRIBE_STRUCT(dog_record, (), (dog_no, member_no, name, breed, gender, weight, image))

struct dog_form {
  std::string name;
  std::string breed;
  std::string gender;
  double weight = 0;  // the frontend sends a number, a numeric string or "" (0)
};
BOOST_DESCRIBE_STRUCT(dog_form, (), (name, breed, gender, weight))

}  // namespace daengtionary::mypage
