// The response_writer of one connection, over a plain or TLS Beast stream: whole or streamed responses. A streamed
// response is chunked for HTTP/1.1 clients; an HTTP/1.0 client knows no chunks, so it gets the bytes as they are,
// ended by the close that ends every streamed response.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>

#include "platform/http/cors.hpp"
#include "platform/http/server.hpp"
#include "platform/http/stream.hpp"

namespace platform::http::detail {

template <class Stream>
class stream_writer final : public response_writer {
 public:
  stream_writer(Stream& stream, const server_options& options, unsigned request_version, std::string origin,
                std::string request_id)
      : stream_(stream),
        options_(options),
        chunked_(request_version >= 11),
        origin_(std::move(origin)),
        request_id_(std::move(request_id)) {}

  asio::awaitable<bool> respond(response whole) override {
    begin(phase::done);
    stamp(whole);
    whole.prepare_payload();
    status_ = whole.result_int();
    bytes_ = whole.body().size();
    deadline();
    auto [ec, _] = co_await beast_http::async_write(stream_, whole, asio::as_tuple(asio::use_awaitable));
    co_return !ec;
  }

  asio::awaitable<bool> start(response head) override {
    begin(phase::streaming);
    stamp(head);
    beast_http::response<beast_http::empty_body> header(std::move(head.base()));
    header.erase(beast_http::field::content_length);
    header.chunked(chunked_);
    status_ = header.result_int();
    beast_http::response_serializer<beast_http::empty_body> serializer(header);
    deadline();
    auto [ec, _] = co_await beast_http::async_write_header(stream_, serializer, asio::as_tuple(asio::use_awaitable));
    co_return !ec;
  }

  asio::awaitable<bool> write(std::string_view chunk) override {
    if (phase_ != phase::streaming) throw std::logic_error("response_writer::write before start or after finish");
    if (chunk.empty()) co_return true;  // an empty chunk would end the response
    bytes_ += chunk.size();
    deadline();
    if (!chunked_) {
      auto [ec, _] = co_await asio::async_write(stream_, asio::buffer(chunk), asio::as_tuple(asio::use_awaitable));
      co_return !ec;
    }
    auto [ec, _] = co_await asio::async_write(stream_, beast_http::make_chunk(asio::buffer(chunk)),
                                              asio::as_tuple(asio::use_awaitable));
    co_return !ec;
  }

  asio::awaitable<bool> finish() override {
    if (phase_ != phase::streaming) throw std::logic_error("response_writer::finish before start or twice");
    phase_ = phase::done;
    if (!chunked_) co_return true;  // the close ends it
    deadline();
    auto [ec, _] =
        co_await asio::async_write(stream_, beast_http::make_chunk_last(), asio::as_tuple(asio::use_awaitable));
    co_return !ec;
  }

  bool answered() const { return phase_ != phase::fresh; }
  unsigned status() const { return status_; }
  std::size_t bytes() const { return bytes_; }

 private:
  enum class phase { fresh, streaming, done };

  void begin(phase next) {
    if (phase_ != phase::fresh) throw std::logic_error("response_writer: a response was already started");
    phase_ = next;
  }

  void stamp(response& res) const {
    res.set("X-Request-Id", request_id_);
    add_cors_headers(options_.cors, origin_, res);
    res.keep_alive(false);
  }

  void deadline() { boost::beast::get_lowest_layer(stream_).expires_after(options_.read_timeout); }

  Stream& stream_;
  const server_options& options_;
  bool chunked_;
  std::string origin_;
  std::string request_id_;
  phase phase_ = phase::fresh;
  unsigned status_ = 0;
  std::size_t bytes_ = 0;
};

}  // namespace platform::http::detail
