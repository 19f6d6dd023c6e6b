// Trade rules over the trade repository and the shared post rules.
#include "apps/daengtionary/trade/service.hpp"

#include "apps/daengtionary/common/dates.hpp"
#include "apps/daengtionary/post/repository.hpp"
#include "apps/daengtionary/trade/repository.hpp"
#include "apps/daengtionary/trade/validation.hpp"
#include "platform/sql/database.hpp"

namespace daengtionary::trade {
namespace {

using platform::sql::connection;

// Outside a transaction: each read stands alone, so a trade deleted meanwhile shows as not found or
// without its images, never half-read.
result<trade_detail> read_detail(connection& db, std::int64_t trade_no, const std::string& viewer, std::int64_t day) {
  auto trade = repository::find_trade(db, trade_no);
  if (!trade) return errc::map_not_found;
  return trade_detail{std::move(*trade), post::repository::image_urls(db, repository::tables(), trade_no),
                      post::repository::viewed(db, repository::tables(), trade_no, viewer, day)};
}

}  // namespace

service::service(platform::sql::database& db, image_uploads& images)
    : post::service(db, images, repository::tables(), max_images) {}

asio::awaitable<result<std::int64_t>> service::create(std::int64_t member_no, trade_form form,
                                                      std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto insert = [member_no, form = std::move(form)](connection& db, const std::vector<std::string>& urls) {
    const std::int64_t trade_no = repository::insert_trade(db, member_no, form, now_micros());
    post::repository::insert_images(db, repository::tables(), trade_no, urls);
    return trade_no;
  };
  co_return co_await post::service::create(std::move(files), insert);
}

asio::awaitable<std::vector<trade_summary>> service::list(trade_filter filter, sort_order sort, page paging) {
  co_return co_await db_.run(repository::list_trades, std::move(filter), sort, paging);
}

asio::awaitable<std::vector<trade_summary>> service::list_of(std::int64_t member_no) {
  co_return co_await db_.run(repository::trades_of, member_no);
}

asio::awaitable<result<trade_detail>> service::view(std::int64_t trade_no, std::string viewer) {
  const std::int64_t day = post::today();
  auto found = co_await db_.run(read_detail, trade_no, viewer, day);
  if (!found) co_return found.error();
  if (co_await count_view(trade_no, std::move(viewer), day, found->viewer_counted)) ++found->trade.views;
  co_return found;
}

asio::awaitable<result<void>> service::update(std::int64_t member_no, std::int64_t trade_no, trade_form form,
                                              std::vector<upload> files) {
  if (auto valid = validate(form); !valid) co_return valid.error();
  const auto rewrite = [trade_no, form = std::move(form)](connection& db) {
    repository::update_trade(db, trade_no, form, now_micros());
  };
  co_return co_await post::service::update(member_no, trade_no, std::move(files), rewrite);
}

}  // namespace daengtionary::trade
