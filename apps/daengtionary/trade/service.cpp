// Trade rules over the repository; stored images follow their rows (removed only after a commit).
#include "apps/daengtionary/trade/service.hpp"

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/common/image_uploads.hpp"
#include "apps/daengtionary/common/wishes.hpp"
#include "apps/daengtionary/trade/repository.hpp"
#include "apps/daengtionary/trade/validation.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::trade {
namespace {

using platform::sql::connection;

// The member's own trade; the errors a wrong id or a non-author get.
result<trade_record> own_trade(connection& db, std::int64_t member_no, std::int64_t trade_no) {
  auto trade = repository::find_trade(db, trade_no);
  if (!trade) return errc::map_not_found;
  if (trade->member_no != member_no) return errc::map_wrong_access;
  return *trade;
}

void create_trade(connection& db, std::int64_t member_no, const trade_form& form,
                  const std::vector<std::string>& urls) {
  const std::int64_t trade_no = repository::insert_trade(db, member_no, form, now_micros());
  repository::insert_images(db, trade_no, urls);
}

// Outside a transaction: each read stands alone, so a trade deleted meanwhile shows as not found or
// without its images, never half-read.
result<trade_detail> read_detail(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day) {
  auto trade = repository::find_trade(db, trade_no);
  if (!trade) return errc::map_not_found;
  return trade_detail{std::move(*trade), repository::image_urls(db, trade_no),
                      repository::viewed(db, trade_no, viewer, day)};
}

bool count_view(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day) {
  if (!repository::record_view(db, trade_no, viewer, day)) return false;
  repository::add_view(db, trade_no);
  return true;
}

// The image URLs to remove from storage once committed: the old ones when new ones replaced them.
result<std::vector<std::string>> rewrite_own_trade(connection& db, std::int64_t member_no, std::int64_t trade_no,
                                                   const trade_form& form, const std::vector<std::string>& new_urls) {
  auto trade = own_trade(db, member_no, trade_no);
  if (!trade) return trade.error();
  repository::update_trade(db, trade_no, form, now_micros());
  if (new_urls.empty()) return std::vector<std::string>{};
  auto old_urls = repository::image_urls(db, trade_no);
  repository::delete_images(db, trade_no);
  repository::insert_images(db, trade_no, new_urls);
  return old_urls;
}

result<std::vector<std::string>> delete_own_trade(connection& db, std::int64_t member_no, std::int64_t trade_no) {
  auto trade = own_trade(db, member_no, trade_no);
  if (!trade) return trade.error();
  auto urls = repository::image_urls(db, trade_no);
  repository::delete_trade(db, trade_no);
  return urls;
}

// Checked before any file is stored.
result<void> validate_submission(const trade_form& form, std::size_t file_count) {
  if (file_count > max_images) return errc::not_valid_content;
  return validate(form);
}

}  // namespace

service::service(platform::sql::database& db, image_uploads& images) : db_(db), images_(images) {}

asio::awaitable<result<void>> service::create(std::int64_t member_no, trade_form form, std::vector<upload> files) {
  if (auto valid = validate_submission(form, files.size()); !valid) co_return valid.error();
  auto stored = co_await images_.store(std::move(files));
  if (!stored) co_return stored.error();
  const std::vector<std::string> urls = std::move(*stored);
  co_await db_.transact(create_trade, member_no, std::move(form), urls);
  co_return result<void>();
}

asio::awaitable<std::vector<trade_summary>> service::list(trade_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_trades, std::move(filter), sort, paging);
}

asio::awaitable<std::vector<trade_summary>> service::list_of(std::int64_t member_no) {
  co_return co_await db_.run(repository::trades_of, member_no);
}

asio::awaitable<result<trade_detail>> service::view(std::int64_t trade_no, std::string viewer) {
  const std::int64_t day = seoul_day(now_micros());
  auto found = co_await db_.run(read_detail, trade_no, viewer, day);
  if (!found) co_return found.error();
  // A viewer already counted today costs no write, so refreshing a page neither writes nor retires the
  // cached list pages.
  if (!found->viewer_counted) {
    const bool counted = co_await db_.transact(count_view, trade_no, std::move(viewer), day);
    if (counted) ++found->trade.views;
  }
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t trade_no, trade_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate_submission(form, files.size()); !valid) co_return valid.error();
  const auto rewrite = [this, member_no, trade_no, form = std::move(form)](std::vector<std::string> new_urls) {
    return db_.transact(rewrite_own_trade, member_no, trade_no, form, std::move(new_urls));
  };
  co_return co_await images_.replace(std::move(files), rewrite);
}

asio::awaitable<result<void>> service::remove(std::int64_t member_no, std::int64_t trade_no) {
  auto urls = co_await db_.transact(delete_own_trade, member_no, trade_no);
  if (!urls) co_return urls.error();
  co_await images_.remove(std::move(*urls));
  co_return result<void>();
}

asio::awaitable<result<bool>> service::toggle_wish(std::int64_t member_no, std::int64_t trade_no) {
  co_return co_await db_.transact(wishes::toggle, member_no, wishes::target::trade, trade_no);
}

}  // namespace daengtionary::trade
