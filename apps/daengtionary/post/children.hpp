// The rows a post carries under it - place reviews, community comments ("review" on the wire): anyone signed
// in adds one to an existing post, only its writer rewrites or deletes it, and each write answers the row as
// it now is. Parametrised by a description of the rows (place::review_rows, community::comment_rows): their
// record and form, the post's tables, the feature repository's functions, validate, and changed (what the
// post derives from its children, such as a place's star).
#pragma once

#include <cstdint>

#include "apps/daengtionary/common/async.hpp"
#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/errc.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::post {

template <class Rows>
class children {
 public:
  using record = typename Rows::record;
  using form = typename Rows::form;
  using connection = platform::sql::connection;

  explicit children(platform::sql::database& db) : db_(db) {}

  // 400 not_valid_content; 404 map_not_found for an unknown post.
  asio::awaitable<result<record>> add(std::int64_t member_no, std::int64_t post_no, form child) {
    if (auto valid = Rows::validate(child); !valid) co_return valid.error();
    co_return co_await db_.transact(insert, member_no, post_no, std::move(child));
  }

  // As add, and review_not_found for a child not of that post, map_wrong_access for another member's.
  asio::awaitable<result<record>> update(std::int64_t member_no, std::int64_t post_no, std::int64_t child_no,
                                         form child) {
    if (auto valid = Rows::validate(child); !valid) co_return valid.error();
    co_return co_await db_.transact(rewrite_own, member_no, post_no, child_no, std::move(child));
  }

  asio::awaitable<result<void>> remove(std::int64_t member_no, std::int64_t post_no, std::int64_t child_no) {
    co_return co_await db_.transact(delete_own, member_no, post_no, child_no);
  }

 private:
  static bool post_exists(connection& db, std::int64_t post_no) {
    return repository::author_of(db, Rows::tables(), post_no).has_value();
  }

  static result<record> insert(connection& db, std::int64_t member_no, std::int64_t post_no, const form& child) {
    if (!post_exists(db, post_no)) return errc::map_not_found;
    const std::int64_t child_no = Rows::insert(db, post_no, member_no, child, now_micros());
    Rows::changed(db, post_no);
    return *Rows::find(db, child_no);
  }

  // The member's own child of that post; the errors a wrong post, child or writer get.
  static result<record> own(connection& db, std::int64_t member_no, std::int64_t post_no, std::int64_t child_no) {
    if (!post_exists(db, post_no)) return errc::map_not_found;
    auto child = Rows::find(db, child_no);
    if (!child || Rows::post_of(*child) != post_no) return errc::review_not_found;
    if (child->member_no != member_no) return errc::map_wrong_access;
    return *child;
  }

  static result<record> rewrite_own(connection& db, std::int64_t member_no, std::int64_t post_no, std::int64_t child_no,
                                    const form& child) {
    if (auto mine = own(db, member_no, post_no, child_no); !mine) return mine;
    Rows::update(db, child_no, child, now_micros());
    Rows::changed(db, post_no);
    return *Rows::find(db, child_no);
  }

  static result<void> delete_own(connection& db, std::int64_t member_no, std::int64_t post_no, std::int64_t child_no) {
    if (auto mine = own(db, member_no, post_no, child_no); !mine) return mine.error();
    Rows::remove(db, child_no);
    Rows::changed(db, post_no);
    return {};
  }

  platform::sql::database& db_;
};

}  // namespace daengtionary::post
