// libcurl's multi-socket API driven by the reactor's libuv loop. [no Zend]
// One multi handle per process (its connection, DNS and TLS session caches outlive a request).
// Callbacks only record readiness: a finished transfer is reported through its Sink, never by running PHP.
#ifndef LOOM_CURL_MULTI_H
#define LOOM_CURL_MULTI_H

#include <curl/curl.h>
#include <uv.h>

#include <cstddef>
#include <unordered_map>
#include <unordered_set>

namespace loom::reactor {

// What a transfer implements to hear that curl finished it.
struct TransferSink {
  virtual void on_done(CURLcode code) = 0;
  // socket() failed for this transfer (errno: EMFILE, ENFILE, ...); curl will report "couldn't connect".
  virtual void on_socket_failed(int) {}
  // Asked before each connect with the resolved address; false refuses it (curl tries the next one,
  // then fails with "couldn't connect").
  virtual bool allow_address(const struct sockaddr*) { return true; }
  // Its socket reported an error (POLLERR; errno from SO_ERROR, e.g. ECONNRESET) and curl was told so;
  // curl itself will only say "select/poll returned error". Called just before on_done.
  virtual void on_socket_error(int) {}
  // This process is a fork()ed child and the transfer was started by the parent: curl has let go of it
  // (its connection is the parent's); the transfer must fail. It is no longer in any multi.
  virtual void on_forked() = 0;
  virtual ~TransferSink() = default;
};

class CurlMulti {
 public:
  static CurlMulti& instance();
  static bool exists();

  // Adds an easy handle whose CURLOPT_PRIVATE is a TransferSink*. Sets the socket hooks on it.
  CURLMcode add(CURL* easy);
  // Removes it (never call from inside a curl callback). Safe for handles that already finished.
  void remove(CURL* easy);

  size_t transfers() const { return transfers_; }
  // Sockets curl opened and has not closed. Counts as it goes, and drops those curl closed without
  // telling us (see on_open_socket).
  size_t sockets();
  CURLSH* share() { return share_; }
  // Closes every cached (idle) connection; only when no transfer is running (request end with
  // loom.keep_connections=0). The DNS and TLS session caches of the share handle stay.
  void drop_connections();

 private:
  CurlMulti();
  void configure();
  static void after_fork();  // the reactor's fork hook
  void abandon();
  struct SocketCtx {
    uv_poll_t poll;
    curl_socket_t fd;
    CurlMulti* multi;
    CURL* easy;  // the transfer that last (re)registered the socket; compared, never dereferenced
  };
  static int on_socket(CURL* easy, curl_socket_t s, int what, void* userp, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* userp);
  static void on_poll(uv_poll_t* h, int status, int events);
  static void on_uv_timeout(uv_timer_t* t);
  static curl_socket_t on_open_socket(void* clientp, curlsocktype purpose, struct curl_sockaddr* address);
  static int on_close_socket(void* clientp, curl_socket_t item);
  void action(curl_socket_t s, int flags);
  void read_done();
  void stop_poll(curl_socket_t s);

  CURLM* multi_;
  CURLSH* share_;
  uv_timer_t timer_{};
  std::unordered_map<curl_socket_t, SocketCtx*> polls_;
  size_t transfers_ = 0;
  size_t max_connects_ = 512;        // idle connections curl may keep; grows with the transfers in flight
  CURL* poll_error_easy_ = nullptr;  // during an action for a POLLERR: who gets told, and the errno
  int poll_error_ = 0;
  std::unordered_map<curl_socket_t, unsigned long> sockets_;  // fd => inode of the socket we opened
  std::unordered_set<CURL*> easies_;                          // the transfers added and not yet removed
  bool abandoned_ = false;  // inherited by a fork()ed child: never touch the (shared) loop again
};

}  // namespace loom::reactor

#endif
