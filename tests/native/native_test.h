// The native tests' whole framework, shared by every *_test.cc here: CHECK() and a runner that prints
// TAP-like "ok N - name" / "not ok N - name" lines and returns non-zero if anything failed.
#ifndef LOOM_NATIVE_TEST_H
#define LOOM_NATIVE_TEST_H

#include <cstddef>
#include <cstdio>

// Failed CHECKs in the running test case (reset before each one).
inline int g_check_failures = 0;

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      ++g_check_failures;                                                               \
      std::fprintf(stderr, "#   %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                                   \
  } while (0)

struct TestCase {
  const char* name;
  void (*fn)();
};

// A case named after its function.
#define NATIVE_TEST(f) \
  { #f, f }

// Runs every case in order; after_each (optional) runs after each case and may CHECK what it left behind.
template <std::size_t N>
int run_tests(const char* suite, const TestCase (&tests)[N], void (*after_each)() = nullptr) {
  int failed = 0;
  std::printf("1..%zu\n", N);
  for (std::size_t i = 0; i < N; i++) {
    g_check_failures = 0;
    tests[i].fn();
    if (after_each) after_each();
    if (g_check_failures != 0) failed++;
    std::printf("%s %zu - %s\n", g_check_failures == 0 ? "ok" : "not ok", i + 1, tests[i].name);
    std::fflush(stdout);
  }
  std::printf("# %s: %zu/%zu passed\n", suite, N - static_cast<std::size_t>(failed), N);
  return failed == 0 ? 0 : 1;
}

#endif
