// libcurl's multi-socket API driven by the reactor's libuv loop. [no Zend]
// A CurlMulti is either Loom's client multi (one per process, instance(): its connection, DNS and TLS
// session caches outlive a request; libuv callbacks drive curl directly, since Loom's own transfers never
// run PHP in curl callbacks), or a multi driven by its owner (create_owned(): the curl hook's helper
// multis, whose easy handles belong to ext/curl and whose callbacks run PHP; libuv callbacks only record
// readiness and call the owner's notify, and the owner calls drive() from the waiting task's context).
// Every libcurl callback finds its CurlMulti through libcurl's user pointers (SOCKETDATA, TIMERDATA,
// curl_multi_assign), never through a global. CURLOPT_PRIVATE is read only for Loom's own transfers.
#ifndef LOOM_CURL_MULTI_H
#define LOOM_CURL_MULTI_H

#include <curl/curl.h>
#include <uv.h>

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "reactor/fd_watch.h"

namespace loom::reactor {

class CurlMulti;

// What a Loom transfer implements to hear that curl finished it.
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

  CurlMulti* multi = nullptr;  // set by CurlMulti::add(): whose socket hooks this transfer uses

  // Which of curl's cached connections the transfer could reuse: transfers with the same key (its
  // origin, or its proxy) share them; empty: not accounted. Set before add().
  std::string pool_key;
  // It never shares a busy connection (no HTTP/2 multiplexing): only an idle one could serve it.
  bool reuses_idle_only = false;
  bool holds_socket = false;  // CurlMulti's: it opened a socket of its own while in the multi
};

class CurlMulti {
 public:
  enum class Driving { InLoop, ByOwner };

  // Loom's client multi, created on first use (never before an FPM master forks).
  static CurlMulti& instance();
  static bool exists();
  // A multi driven by its owner: notify(data) is called (inside a libuv callback) when one of its
  // sockets became ready or its timer fired; the owner then calls drive() from its own context.
  static CurlMulti* create_owned(NotifyFn notify, void* data);
  // Frees an owned multi (its cached connections are closed). No easy handle may be in it.
  void destroy();

  // Adds one of Loom's own transfers: CURLOPT_PRIVATE is its TransferSink*. Sets the socket hooks on it.
  CURLMcode add(CURL* easy);
  // Removes it (never call from inside a curl callback). Safe for handles that already finished.
  void remove(CURL* easy);

  // Owned multis: an easy handle that is not Loom's (ext/curl's). No option of it is touched; its
  // completion is collected by drive().
  CURLMcode add_foreign(CURL* easy);
  void remove_foreign(CURL* easy);
  // Runs curl for what became ready since the last call (or, with kick, for its timeout now): curl
  // callbacks, and so PHP, run in the caller's context. on_done(ctx, easy, code) is called for each
  // foreign handle curl finished. Returns false if curl reported a multi-level error. Keeps no C++ object
  // with a destructor on its stack: a PHP callback may bail out through it.
  using DoneFn = void (*)(void* ctx, CURL* easy, CURLcode code);
  bool drive(bool kick, DoneFn on_done, void* ctx);
  // An owned multi inherited by a fork()ed child: its connections are the parent's. Forgets everything
  // without closing or unwatching anything (the memory of curl's multi is left behind); destroy() then
  // only frees this object.
  void forget_after_fork();
  // True when some socket became ready or the timer fired since the last drive().
  bool has_events() const { return events_ != 0; }
  // Sockets curl asked this multi to watch.
  size_t watched_sockets() const { return polls_.size(); }
  CURLM* handle() { return multi_; }

  size_t transfers() const { return transfers_; }
  // Sockets curl opened for Loom's transfers and has not closed. Counts as it goes, and drops those curl
  // closed without telling us (see on_open_socket).
  size_t sockets();
  CURLSH* share() { return share_; }
  // Closes every cached (idle) connection; only when no transfer is running (request end with
  // loom.keep_connections=0). The DNS and TLS session caches of the share handle stay.
  void drop_connections();

 private:
  CurlMulti(Driving driving, NotifyFn notify, void* data);
  ~CurlMulti();
  void configure();
  static void after_fork();  // the reactor's fork hook
  void abandon();
  struct SocketCtx {
    FdWatch* watch;
    curl_socket_t fd;
    CurlMulti* multi;
    CURL* easy;  // the transfer that last (re)registered the socket; compared, never dereferenced
  };
  static int on_socket(CURL* easy, curl_socket_t s, int what, void* userp, void* socketp);
  static int on_timer(CURLM* multi, long timeout_ms, void* userp);
  static void on_ready(void* data);        // a socket's FdWatch
  static void on_timer_fired(void* data);  // the Timer
  static curl_socket_t on_open_socket(void* clientp, curlsocktype purpose, struct curl_sockaddr* address);
  static int on_close_socket(void* clientp, curl_socket_t item);
  void action(curl_socket_t s, int flags);
  void read_done(DoneFn on_done, void* ctx);
  void stop_poll(curl_socket_t s);

  Driving driving_;
  NotifyFn notify_ = nullptr;
  void* notify_data_ = nullptr;
  CURLM* multi_ = nullptr;
  CURLSH* share_ = nullptr;
  Timer* timer_ = nullptr;
  int events_ = 0;  // ByOwner: something became ready since the last drive()
  std::unordered_map<curl_socket_t, SocketCtx*> polls_;
  size_t transfers_ = 0;
  size_t max_connects_ = 512;        // idle connections curl may keep; grows with the transfers in flight
  CURL* poll_error_easy_ = nullptr;  // during an action for a POLLERR: who gets told, and the errno
  int poll_error_ = 0;
  // Connection accounting per pool key (TransferSink::pool_key): sockets open, and transfers in the
  // multi that opened one of them. An idle connection curl could reuse for a transfer of the pool
  // exists only if sockets > holders (each holder keeps its own socket busy).
  struct Pool {
    size_t sockets = 0;
    size_t holders = 0;
  };
  std::unordered_map<std::string, Pool> pools_;  // nodes are stable: SocketInfo points into them
  void pool_release(Pool* pool, const std::string& key);
  struct SocketInfo {
    unsigned long ino;  // inode of the socket we opened
    Pool* pool;         // whose count it is in (null: not accounted)
    const std::string* key;
  };
  std::unordered_map<curl_socket_t, SocketInfo> sockets_;  // sockets we opened and curl has not closed
  void forget_socket(std::unordered_map<curl_socket_t, SocketInfo>::iterator it);
  std::unordered_set<CURL*> easies_;   // Loom's transfers added and not yet removed
  std::unordered_set<CURL*> foreign_;  // foreign handles added and not yet removed
  bool abandoned_ = false;             // inherited by a fork()ed child: never touch the (shared) loop again
};

}  // namespace loom::reactor

#endif
