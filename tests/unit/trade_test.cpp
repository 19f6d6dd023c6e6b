// Trade form binding (Jackson-like price coercion) and validation (contract §2.6, §7.2).
#include <cstdint>
#include <optional>
#include <string>

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "apps/daengtionary/trade/validation.hpp"

namespace {

using daengtionary::errc;
using daengtionary::trade::max_price;
using daengtionary::trade::price_of;
using daengtionary::trade::trade_form;
using daengtionary::trade::trade_form_of;
using daengtionary::trade::validate;

boost::json::object object(const std::string& json) { return boost::json::parse(json).as_object(); }

std::optional<std::int64_t> price(const std::string& json_value) {
  return price_of(object(R"({"price":)" + json_value + "}"));
}

// What the frontend's posting page sends.
boost::json::object frontend_data() {
  return object(R"({"title":"유모차","address":"전국","stuffStatus":"중고","exchange":"교환불가",)"
                R"("price":"15000","content":"없음","postStatus":"판매중"})");
}

trade_form valid_form() { return trade_form{"유모차", "전국", "중고", "교환불가", 15000, "없음", "판매중"}; }

TEST(Trade, TakesPriceFromNumberOrNumericStringWhenWhole) {
  EXPECT_EQ(price("15000"), 15000);
  EXPECT_EQ(price(R"("15000")"), 15000);
  EXPECT_EQ(price(R"(" 15000 ")"), 15000);
  EXPECT_EQ(price("0"), 0);
  EXPECT_EQ(price(R"("0")"), 0);
  EXPECT_EQ(price("15000.0"), 15000) << "a whole number written with a fraction part";
  EXPECT_EQ(price("1000000000"), max_price);
  EXPECT_EQ(price(R"("1000000000")"), max_price);
}

TEST(Trade, TakesEmptyPriceStringAsZeroWhenJacksonDid) {
  EXPECT_EQ(price(R"("")"), 0);
  EXPECT_EQ(price(R"("   ")"), 0);
}

TEST(Trade, RejectsPriceWhenFractionNegativeTooLargeOrNotANumber) {
  for (const char* bad :
       {"1.5", R"("1.5")", "-1", R"("-1")", "1000000001", R"("1000000001")", "1e10", "99999999999999999999", R"("abc")",
        R"("15,000")", R"("15000원")", "true", "[1]", R"({"v":1})", "null", R"("0x10")", R"("NaN")", R"("Infinity")"}) {
    EXPECT_EQ(price(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(price_of(object("{}")), std::nullopt) << "absent";
}

TEST(Trade, BindsAllSevenFieldsWhenTheFrontendSendsThem) {
  const auto form = trade_form_of(frontend_data());
  ASSERT_TRUE(form);
  EXPECT_EQ(form->title, "유모차");
  EXPECT_EQ(form->address, "전국");
  EXPECT_EQ(form->stuff_status, "중고");
  EXPECT_EQ(form->exchange, "교환불가");
  EXPECT_EQ(form->price, 15000);
  EXPECT_EQ(form->content, "없음");
  EXPECT_EQ(form->post_status, "판매중");
}

TEST(Trade, TakesNumbersAsTextWhenAStringFieldGetsOne) {
  auto data = frontend_data();
  data["title"] = 123;
  const auto form = trade_form_of(data);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->title, "123");
}

TEST(Trade, RejectsFormWhenAFieldIsMissingNullOrOfTheWrongType) {
  for (const char* key : {"title", "address", "stuffStatus", "exchange", "price", "content", "postStatus"}) {
    auto missing = frontend_data();
    missing.erase(key);
    EXPECT_EQ(trade_form_of(missing).error(), errc::not_valid_content) << "missing " << key;
    auto null = frontend_data();
    null[key] = nullptr;
    EXPECT_EQ(trade_form_of(null).error(), errc::not_valid_content) << "null " << key;
    auto array = frontend_data();
    array[key] = boost::json::array{"x"};
    EXPECT_EQ(trade_form_of(array).error(), errc::not_valid_content) << "array " << key;
    auto nested = frontend_data();
    nested[key] = boost::json::object{{"x", 1}};
    EXPECT_EQ(trade_form_of(nested).error(), errc::not_valid_content) << "object " << key;
  }
}

TEST(Trade, AcceptsFormWhenEveryAllowedValueIsUsed) {
  EXPECT_TRUE(validate(valid_form()));
  for (const char* stuff : {"중고", "거의 새 것", "새 물건", ""}) {
    auto form = valid_form();
    form.stuff_status = stuff;
    EXPECT_TRUE(validate(form)) << stuff;
  }
  for (const char* exchange : {"교환불가", "교환가능"}) {
    auto form = valid_form();
    form.exchange = exchange;
    EXPECT_TRUE(validate(form)) << exchange;
  }
  for (const char* status : {"판매중", "예약중", "판매완료"}) {
    auto form = valid_form();
    form.post_status = status;
    EXPECT_TRUE(validate(form)) << status;
  }
  auto empty = valid_form();
  empty.address = "";
  empty.content = "";
  empty.price = 0;
  EXPECT_TRUE(validate(empty)) << "only the title must be non-blank";
}

TEST(Trade, AcceptsTextWhenAtTheByteLimits) {
  auto form = valid_form();
  form.title = std::string(300, 'x');
  form.address = std::string(100 * 3, 'x');
  form.content = std::string(15000, 'x');
  form.price = max_price;
  EXPECT_TRUE(validate(form));
  std::string hangul;
  for (int i = 0; i < 100; ++i) hangul += "가";
  form.title = hangul;
  EXPECT_TRUE(validate(form)) << "100 Hangul syllables";
}

TEST(Trade, RejectsFormWhenAValueIsOutsideTheRules) {
  const auto rejects = [](auto change, const char* what) {
    auto form = valid_form();
    change(form);
    const auto checked = validate(form);
    ASSERT_FALSE(checked) << what;
    EXPECT_EQ(checked.error(), errc::not_valid_content) << what;
  };
  rejects([](trade_form& f) { f.title = ""; }, "empty title");
  rejects([](trade_form& f) { f.title = " \t\r\n"; }, "blank title");
  rejects([](trade_form& f) { f.title = std::string(301, 'x'); }, "long title");
  rejects([](trade_form& f) { f.address = std::string(301, 'x'); }, "long address");
  rejects([](trade_form& f) { f.content = std::string(15001, 'x'); }, "long content");
  rejects([](trade_form& f) { f.stuff_status = "헌 것"; }, "unknown stuffStatus");
  rejects([](trade_form& f) { f.stuff_status = " 중고"; }, "stuffStatus is exact");
  rejects([](trade_form& f) { f.exchange = ""; }, "empty exchange");
  rejects([](trade_form& f) { f.exchange = "교환"; }, "unknown exchange");
  rejects([](trade_form& f) { f.post_status = ""; }, "empty postStatus");
  rejects([](trade_form& f) { f.post_status = "판매 완료"; }, "unknown postStatus");
  rejects([](trade_form& f) { f.price = -1; }, "negative price");
  rejects([](trade_form& f) { f.price = max_price + 1; }, "price above the maximum");
}

}  // namespace
