// The JSON of a dog wherever a member's dogs are shown (my page, the matching detail's author).
#pragma once

#include <boost/json/value.hpp>

#include "apps/daengtionary/mypage/dto.hpp"

namespace daengtionary::mypage {

// {"dogNo","name","breed","gender","weight","image"}; image is null when the dog has none.
boost::json::value dog_json(const dog_record& dog);

}  // namespace daengtionary::mypage
