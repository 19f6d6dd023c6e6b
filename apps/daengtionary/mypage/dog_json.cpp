// DogResponseDto.
#include "apps/daengtionary/mypage/dog_json.hpp"

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/json_value.hpp"

namespace daengtionary::mypage {

boost::json::value dog_json(const dog_record& dog) {
  return boost::json::object{{"dogNo", dog.dog_no},  {"name", dog.name},     {"breed", dog.breed},
                             {"gender", dog.gender}, {"weight", dog.weight}, {"image", nullable(dog.image)}};
}

}  // namespace daengtionary::mypage
