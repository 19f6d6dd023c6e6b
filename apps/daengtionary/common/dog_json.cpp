// DogResponseDto.
#include "apps/daengtionary/common/dog_json.hpp"

#include <boost/json/object.hpp>

namespace daengtionary {

boost::json::value dog_json(const mypage::dog_record& dog) {
  return boost::json::object{
      {"dogNo", dog.dog_no},  {"name", dog.name},
      {"breed", dog.breed},   {"gender", dog.gender},
      {"weight", dog.weight}, {"image", dog.image ? boost::json::value(*dog.image) : boost::json::value(nullptr)}};
}

}  // namespace daengtionary
