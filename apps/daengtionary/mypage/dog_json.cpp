// DogResponseDto.
#include "apps/daengtionary/mypage/dog_json.hpp"

#include <boost/json/object.hpp>

#include "apps/daengtionary/common/json_value.hpp"

namespace daengtionary::mypage {

boost::json::value dog_json(const dog_record& dog) { return dto_json(dog, {}, {"member_no"}); }

}  // namespace daengtionary::mypage
