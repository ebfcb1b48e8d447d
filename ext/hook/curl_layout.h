// The object layout of ext/curl's CurlHandle and CurlMultiHandle, which php-src keeps in
// ext/curl/curl_private.h (not installed with the PHP headers). Written from that header of PHP 8.2,
// 8.3 and 8.4 and checked at run time before any hook is used (curl_hook.cc: verify_layout), since a
// layout that does not match would read the wrong memory. This is the only place Loom depends on
// ext/curl's internals; other versions are not hooked (LOOM_CURL_LAYOUT_KNOWN unset) until their layout
// is added here and verified the same way.
//
// What changed between the versions, as far as these structs go:
//   8.2  a callback is a zval (the callable) and its cache; the plain callbacks are pointers
//   8.3  the same, plus CURLOPT_SSH_HOSTKEYFUNCTION's pointer (libcurl 7.84 and later)
//   8.4  a callback is only its cache (zend_fcall_info_cache), stored in place; DEBUGFUNCTION and
//        PREREQFUNCTION (libcurl 7.80 and later) added; the multi's push callback is in place too
// Fields whose presence depends on libcurl follow LIBCURL_VERSION_NUM, which is ext/curl's as well:
// MINIT refuses to hook when the libcurl loaded is not the one Loom was built with.
#ifndef LOOM_HOOK_CURL_LAYOUT_H
#define LOOM_HOOK_CURL_LAYOUT_H

#include <curl/curl.h>

#include "object.h"
#include "php_loom.h"

extern "C" {
#include "zend_llist.h"
#include "zend_smart_str.h"
}

#if PHP_VERSION_ID >= 80200 && PHP_VERSION_ID < 80500
#define LOOM_CURL_LAYOUT_KNOWN 1
#endif

namespace loom::hook::curl_layout {

// How ext/curl delivers a body or header stream (its PHP_CURL_* constants).
constexpr int kStdout = 0;
constexpr int kFile = 1;
constexpr int kUser = 2;
constexpr int kDirect = 3;
constexpr int kReturn = 4;
constexpr int kIgnore = 7;

#ifdef LOOM_CURL_LAYOUT_KNOWN
#if PHP_VERSION_ID < 80400
// A user callback of a body or header stream: the callable and the cache ext/curl fills for it.
struct Fn {
  zval func_name;
  zend_fcall_info_cache fci_cache;
};
// The other callbacks are kept behind pointers to a struct Loom never reads.
struct OtherFn;
using OtherFnSlot = OtherFn*;
#else
using Fn = zend_fcall_info_cache;
using OtherFnSlot = zend_fcall_info_cache;
#endif

struct Write {
  Fn fn;
  FILE* fp;
  smart_str buf;
  int method;
  zval stream;
};

struct Read {
  Fn fn;
  FILE* fp;
  zend_resource* res;
  int method;
  zval stream;
};

struct Handlers {
  Write* write;
  Write* write_header;
  Read* read;
  zval std_err;
  OtherFnSlot progress;
  OtherFnSlot xferinfo;
  OtherFnSlot fnmatch;
#if PHP_VERSION_ID >= 80400
  OtherFnSlot debug;
#if LIBCURL_VERSION_NUM >= 0x075000
  OtherFnSlot prereq;
#endif
#endif
#if PHP_VERSION_ID >= 80300 && LIBCURL_VERSION_NUM >= 0x075400
  OtherFnSlot sshhostkey;
#endif
};

struct Error {
  char str[CURL_ERROR_SIZE + 1];
  int no;
};

struct Easy {  // php_curl
  CURL* cp;
  Handlers handlers;
  void* to_free;
  zend_string* header_str;
  Error err;
  bool in_callback;
  uint32_t* clone;
  zval postfields;
  zval private_data;
  void* share;
  zend_object std;
};

struct Multi {  // php_curlm
  CURLM* multi;
  zend_llist easyh;
  OtherFnSlot server_push;
  int err_no;
  zend_object std;
};

inline Easy* easy_of(zend_object* obj) { return loom::object_from<Easy>(obj); }
inline Multi* multi_of(zend_object* obj) { return loom::object_from<Multi>(obj); }
constexpr size_t kEasyStdOffset = XtOffsetOf(Easy, std);
constexpr size_t kMultiStdOffset = XtOffsetOf(Multi, std);
#endif

}  // namespace loom::hook::curl_layout

#endif
