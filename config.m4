dnl Loom: build configuration for phpize. Finds libuv and libcurl with pkg-config.
PHP_ARG_ENABLE([loom],
  [whether to enable Loom (fibers + libuv + libcurl)],
  [AS_HELP_STRING([--enable-loom], [Enable Loom])],
  [yes])

if test "$PHP_LOOM" != "no"; then
  PHP_REQUIRE_CXX()
  PKG_PROG_PKG_CONFIG

  PKG_CHECK_MODULES([LIBUV], [libuv >= 1.40], [],
    [AC_MSG_ERROR([Loom needs libuv >= 1.40 and its pkg-config file (Debian/Ubuntu: apt-get install libuv1-dev; Fedora: dnf install libuv-devel; macOS: brew install libuv)])])
  dnl 7.85: CURLOPT_PROTOCOLS_STR and CURLOPT_REDIR_PROTOCOLS_STR (CURLOPT_PREREQFUNCTION needs 7.80).
  PKG_CHECK_MODULES([LIBCURL], [libcurl >= 7.85], [],
    [AC_MSG_ERROR([Loom needs libcurl >= 7.85 and its pkg-config file (Debian/Ubuntu: apt-get install libcurl4-openssl-dev; Fedora: dnf install libcurl-devel; macOS: brew install curl)])])

  PHP_EVAL_INCLINE($LIBUV_CFLAGS)
  PHP_EVAL_LIBLINE($LIBUV_LIBS, LOOM_SHARED_LIBADD)
  PHP_EVAL_INCLINE($LIBCURL_CFLAGS)
  PHP_EVAL_LIBLINE($LIBCURL_LIBS, LOOM_SHARED_LIBADD)

  PHP_ADD_LIBRARY(stdc++, 1, LOOM_SHARED_LIBADD)
  PHP_ADD_LIBRARY(pthread, 1, LOOM_SHARED_LIBADD)
  PHP_SUBST(LOOM_SHARED_LIBADD)

  LOOM_SOURCES="ext/loom.cc \
    ext/scheduler/scheduler.cc \
    ext/scheduler/task.cc \
    ext/scheduler/combinators.cc \
    ext/scheduler/channel.cc \
    ext/scheduler/exceptions.cc \
    ext/scheduler/budget.cc \
    ext/scheduler/preempt.cc \
    ext/scheduler/side_stack.cc \
    ext/scheduler/fiber_stacks.cc \
    ext/reactor/reactor.cc \
    ext/reactor/curl_multi.cc \
    ext/reactor/fd_watch.cc \
    ext/io/poller.cc \
    ext/http/http_module.cc \
    ext/http/client.cc \
    ext/http/options.cc \
    ext/http/policy.cc \
    ext/http/transfer.cc \
    ext/http/wire.cc \
    ext/http/response.cc \
    ext/http/stream.cc \
    ext/http/event.cc \
    ext/sse/sse_parser.cc \
    ext/hook/curl_hook.cc \
    ext/relay/relay_core.cc \
    ext/relay/relay_server.cc \
    ext/relay/relay_module.cc"

  PHP_NEW_EXTENSION(loom, $LOOM_SOURCES, $ext_shared,, [-std=c++20 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1], cxx)
  PHP_ADD_INCLUDE([$ext_srcdir/ext])
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/scheduler], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/reactor], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/http], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/sse], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/io], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/hook], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/ext/relay], 1)
fi
