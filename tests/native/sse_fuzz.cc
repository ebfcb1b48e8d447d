// native-test-sources: ext/sse/sse_parser.cc
//
// Fuzz target for loom::sse::Parser: asserts chunking invariance.
//
// For every input, the events, final status, finish() result, last event ID
// and reconnection time must be identical whether the bytes are fed in one
// piece, one byte at a time (short inputs) or split at pseudo-random offsets
// derived from the input itself, both without a size limit and with a small
// one (so the TooLarge paths are exercised too). Any difference aborts.
//
// libFuzzer build (needs clang, which is not required by the rest of the
// build; run from the repository root):
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I ext
//       tests/native/sse_fuzz.cc ext/sse/sse_parser.cc -o sse_fuzz
// (one command line)
//   ./sse_fuzz -max_len=4096 corpus_dir/
//
// Without clang, tests/native/run.sh builds this file with g++ and
// -DLOOM_FUZZ_MAIN, which adds a small main() that runs the same entry
// point on deterministic pseudo-random SSE-like inputs (LOOM_FUZZ_ITERS
// iterations, default 20000) or on the files named on the command line.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "sse/sse_parser.h"

namespace {

using loom::sse::Event;
using loom::sse::Parser;
using loom::sse::Status;

struct Outcome {
  std::vector<Event> events;
  Status status = Status::Ok;
  bool clean = false;
  std::string last_id;
  int64_t reconnection = -1;

  bool operator==(const Outcome&) const = default;
};

// splitmix64: cheap deterministic split offsets from the input's hash.
uint64_t next_rand(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// mode 0: whole; 1: one byte at a time; 2+: random chunk sizes.
Outcome run(const char* data, size_t size, size_t max, int mode, uint64_t seed) {
  Parser p(max);
  Outcome o;
  size_t pos = 0;
  uint64_t state = seed + static_cast<uint64_t>(mode);
  const size_t max_chunk = 1 + (seed % 3 == 0 ? 1 : seed % 97);
  while (pos < size) {
    size_t n = size - pos;
    if (mode == 1) {
      n = 1;
    } else if (mode >= 2) {
      n = 1 + next_rand(state) % max_chunk;
      if (n > size - pos) n = size - pos;
    }
    // Occasionally interleave an empty feed; it must change nothing.
    if (mode >= 2 && next_rand(state) % 8 == 0) p.feed(data + pos, 0, o.events);
    const Status st = p.feed(data + pos, n, o.events);
    if (st != Status::Ok) o.status = st;
    pos += n;
  }
  o.clean = p.finish();
  o.last_id = p.last_event_id();
  o.reconnection = p.reconnection_time();
  return o;
}

void check(bool cond, const char* what) {
  if (!cond) {
    std::fprintf(stderr, "sse_fuzz: invariant violated: %s\n", what);
    std::abort();
  }
}

void check_invariance(const char* data, size_t size, size_t max, uint64_t seed) {
  const Outcome whole = run(data, size, max, 0, seed);
  for (const Event& e : whole.events) {
    check(!e.type.empty(), "event type is never empty");
    check(max == 0 || e.data.size() <= max, "event data within limit");
  }
  check(whole.status == Status::Ok || !whole.clean, "TooLarge never finishes clean");
  if (size <= 2048) check(run(data, size, max, 1, seed) == whole, "one byte at a time == whole");
  for (int mode = 2; mode < 6; ++mode)
    check(run(data, size, max, mode, seed) == whole, "random chunks == whole");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const char* p = reinterpret_cast<const char*>(data);
  uint64_t seed = 1469598103934665603ull;  // FNV-1a of the input
  for (size_t i = 0; i < size; ++i) seed = (seed ^ data[i]) * 1099511628211ull;
  check_invariance(p, size, 0, seed);
  check_invariance(p, size, 1 + seed % 64, seed);
  return 0;
}

#ifdef LOOM_FUZZ_MAIN
// Stand-alone driver for compilers without libFuzzer (see top of file).
int main(int argc, char** argv) {
  if (argc > 1) {
    for (int i = 1; i < argc; ++i) {
      std::FILE* f = std::fopen(argv[i], "rb");
      if (f == nullptr) {
        std::perror(argv[i]);
        return 1;
      }
      std::string buf;
      char tmp[4096];
      size_t n;
      while ((n = std::fread(tmp, 1, sizeof tmp, f)) > 0) buf.append(tmp, n);
      std::fclose(f);
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(buf.data()), buf.size());
    }
    std::printf("sse_fuzz: %d file(s) ok\n", argc - 1);
    return 0;
  }
  long iters = 20000;
  if (const char* v = std::getenv("LOOM_FUZZ_ITERS")) iters = std::strtol(v, nullptr, 10);
  static const char* const kTokens[] = {"data",
                                        "data:",
                                        "data: ",
                                        "event:",
                                        "event: ping",
                                        "id:",
                                        "id: 1",
                                        "id",
                                        "retry:",
                                        "retry: 100",
                                        "retry: 1x",
                                        ":",
                                        ": c",
                                        "\n",
                                        "\n",
                                        "\r",
                                        "\r\n",
                                        "\r\n",
                                        " ",
                                        "x",
                                        "Data",
                                        "\0",
                                        "\xEF\xBB\xBF",
                                        "\xEF",
                                        "\xBB",
                                        "\xC3\xA9",
                                        "\xF0\x9F\x98\x80",
                                        "\xFF",
                                        "[DONE]",
                                        "{\"a\":1}",
                                        "data: [DONE]\n\n"};
  constexpr size_t kNumTokens = sizeof kTokens / sizeof kTokens[0];
  uint64_t state = 12345;
  std::string input;
  for (long it = 0; it < iters; ++it) {
    input.clear();
    const size_t len = next_rand(state) % 48;
    for (size_t t = 0; t < len; ++t) {
      const size_t k = next_rand(state) % kNumTokens;
      if (kTokens[k][0] == '\0') {
        input.push_back('\0');
      } else {
        input += kTokens[k];
      }
      if (next_rand(state) % 16 == 0) input.push_back(static_cast<char>(next_rand(state) & 0xFF));
    }
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  }
  std::printf("sse_fuzz: %ld random inputs ok\n", iters);
  return 0;
}
#endif
