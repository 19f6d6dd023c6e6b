// Which stored images the rows still name: the set the storage sweep must keep.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace platform::sql {
class connection;
}

namespace daengtionary {

// Every image URL held by a row: place, community, trade and matching images and dogs' images (members and
// chat messages hold none). Foreign URLs (the original's S3 objects) come back too.
std::vector<std::string> referenced_image_urls(platform::sql::connection& conn);

// The object key a URL can name: its last path segment, without a query or fragment. Matching on the segment
// rather than on the configured storage.public_base_url keeps the images of rows written under an earlier
// base URL; a foreign URL then protects at most an object of the same random name, which errs on keeping.
std::string_view image_key_of(std::string_view url);

// The keys of referenced_image_urls(), for platform::storage::sweeper.
std::unordered_set<std::string> referenced_image_keys(platform::sql::connection& conn);

}  // namespace daengtionary
