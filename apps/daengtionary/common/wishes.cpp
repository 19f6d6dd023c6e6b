// The like rule over the wish rows.
#include "apps/daengtionary/common/wishes.hpp"

#include "apps/daengtionary/common/dates.hpp"

namespace daengtionary::wishes {

result<bool> toggle(platform::sql::connection& db, std::int64_t member_no, target kind, std::int64_t id) {
  if (!target_exists(db, kind, id)) return errc::map_not_found;
  if (auto wish = find(db, member_no, kind, id)) {
    remove(db, *wish);
    return false;
  }
  insert(db, member_no, kind, id, now_micros());
  return true;
}

}  // namespace daengtionary::wishes
