// The fiber budget: every live task needs a fiber (a C stack of two memory maps, mmap'd by the engine, and a
// VM stack counted against memory_limit). Past the kernel's map limit the engine fails with a raw "Fiber
// stack protect failed" and then the memory manager itself dies ("mmap() failed: Out of memory", no finally
// block runs). Loom refuses the spawn before that, with a catchable Loom\Exception naming the limit.
#include <cstdio>

#include "scheduler/internal.h"

extern "C" {
#include "main/php_globals.h"
}

namespace loom {

namespace {

// Memory-map accounting (per process: FPM workers inherit nothing from a request).
constexpr size_t kMapsPerFiber = 2;      // the stack and its PROT_NONE guard page
constexpr size_t kMinMapReserve = 2048;  // maps left to the allocator, libraries, user fibers
// PHP memory a task needs when its fiber starts: the fiber's 16 KiB VM stack plus the Fiber and Task objects.
constexpr size_t kFiberMemory = 20 * 1024;
// memory_limit headroom kept free so the code that catches the refusal (and finally blocks) can run; the
// memory manager grows in 2 MiB chunks.
constexpr size_t kMemoryHeadroom = 4 * 1024 * 1024;

long read_long(const char* path) {
  FILE* f = std::fopen(path, "r");
  if (!f) return -1;
  long v = -1;
  if (std::fscanf(f, "%ld", &v) != 1) v = -1;
  std::fclose(f);
  return v;
}

long count_maps() {
  FILE* f = std::fopen("/proc/self/maps", "r");
  if (!f) return -1;
  long n = 0;
  int c;
  while ((c = std::fgetc(f)) != EOF) n += (c == '\n');
  std::fclose(f);
  return n;
}

struct MapBudget {
  bool measured = false;
  long max_maps = -1;        // vm.max_map_count, -1 when unknown (not Linux)
  size_t fibers = SIZE_MAX;  // fibers the process can hold
};
thread_local MapBudget map_budget;  // per process: measured once

void measure_maps() {
  map_budget.measured = true;
  map_budget.max_maps = read_long("/proc/sys/vm/max_map_count");
  long used = count_maps();
  if (map_budget.max_maps <= 0 || used < 0) return;  // unknown: no map budget
  size_t reserve = static_cast<size_t>(map_budget.max_maps) / 16;
  if (reserve < kMinMapReserve) reserve = kMinMapReserve;
  long free_maps = map_budget.max_maps - used - static_cast<long>(reserve);
  map_budget.fibers = free_maps > 0 ? static_cast<size_t>(free_maps) / kMapsPerFiber : 0;
}

// Per process (each check re-validates them): live task counts below fast_ok_below passed the last
// full check with room to spare, under the memory_limit it used.
thread_local size_t fast_ok_below = 0;
thread_local zend_long checked_limit = 0;

size_t pending_starts(const Scheduler& s) {
  size_t n = 0;
  for (const ReadyItem& it : s.ready)
    if (it.start && it.start->state == TaskState::Pending) n++;
  return n;
}

}  // namespace

bool fiber_budget_allows(const char* fname) {
  Scheduler& s = sched();
  size_t want = s.live_tasks + 1;
  if (want < fast_ok_below && PG(memory_limit) == checked_limit) return true;
  checked_limit = PG(memory_limit);
  if (!map_budget.measured) measure_maps();

  // Memory maps: each live task ends up on a fiber of its own; idle workers hold theirs too.
  size_t pending = pending_starts(s);
  size_t started = s.live_tasks - (pending < s.live_tasks ? pending : s.live_tasks);
  size_t fibers = started + s.idle_workers.size();
  size_t new_fibers = pending + 1 > s.idle_workers.size() ? pending + 1 - s.idle_workers.size() : 0;
  fibers += new_fibers;
  if (fibers > map_budget.fibers) {
    zend_throw_exception_ex(
        ce_exception, 0,
        "%s(): cannot start another task: %zu tasks are live and each needs a fiber of its "
        "own, whose stack takes %zu memory maps; this process may hold about %zu fibers "
        "(vm.max_map_count = %ld). Bound concurrency with Loom\\map($items, $fn, "
        "$concurrency) or a Loom\\Channel worker pool, or raise vm.max_map_count",
        fname, s.live_tasks, kMapsPerFiber, map_budget.fibers, map_budget.max_maps);
    fast_ok_below = 0;
    return false;
  }
  size_t room = map_budget.fibers - fibers;

  // memory_limit: the fibers not started yet still need their VM stacks.
  zend_long limit = PG(memory_limit);
  if (limit > 0) {
    size_t used = zend_memory_usage(true);
    size_t need = used + new_fibers * kFiberMemory + kMemoryHeadroom;
    if (need > static_cast<size_t>(limit)) {
      zend_throw_exception_ex(ce_exception, 0,
                              "%s(): cannot start another task within memory_limit (%zu MiB): %zu tasks are "
                              "live (%zu not started yet) and each needs about %zu KiB for its fiber, on top "
                              "of the %zu MiB in use. Bound concurrency with Loom\\map($items, $fn, "
                              "$concurrency) or a Loom\\Channel worker pool, or raise memory_limit",
                              fname, static_cast<size_t>(limit) >> 20, s.live_tasks, pending,
                              kFiberMemory >> 10, used >> 20);
      fast_ok_below = 0;
      return false;
    }
    size_t mem_room = (static_cast<size_t>(limit) - need) / kFiberMemory;
    if (mem_room < room) room = mem_room;
  }
  // Check again once half the room is used (memory use moves independently of the task count).
  fast_ok_below = want + room / 2;
  return true;
}

}  // namespace loom
