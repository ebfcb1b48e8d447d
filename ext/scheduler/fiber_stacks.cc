// What Loom knows about fiber C stacks, from the engine's fiber observers: where each context's stack
// is (init), when it goes away (destroy), and when anything switches into a context (switch). Two uses:
//
// Parked stacks. A task that parks in a long Loom\sleep() keeps every page of its C stack it touched
// resident for nothing: about 1.6 KB of frames in a 4 KiB page, more pages if it went deeper before.
// fiber_stack_park() copies the frames (stack pointer to top) to the heap and gives the pages back
// (MADV_DONTNEED); the switch observer copies them back before any switch into that context, whoever
// switches (the scheduler's resume, a cancellation, the engine destroying the fiber at shutdown), so
// the fiber never runs on released pages. Only contexts whose stack nothing outside reads while they are
// suspended may be parked: Loom's worker fibers waiting in sleep_for() (its waiter is on the heap).
//
// Valgrind. A PHP built with --with-valgrind registers every fiber stack it maps
// (VALGRIND_STACK_REGISTER); one built without it (Debian's) does not, and valgrind then tells a switch
// between two stacks from a call by the size of the stack pointer's jump alone (--max-stackframe,
// 2 MiB). Fiber stacks are neighbouring mappings, so a switch from deep inside one (a task far into
// recursion calling request(), which moves to the shared side stack) can jump less than that: valgrind
// takes it for a frame pushed or popped, marks the other stack's saved registers undefined and reports
// errors that are not there. Under valgrind Loom registers each context's stack, as such a PHP would.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "scheduler/internal.h"

extern "C" {
#include "zend_observer.h"
}

#if !defined(HAVE_VALGRIND) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define LOOM_REGISTER_FIBER_STACKS 1
#endif
#endif

namespace loom {

namespace {

struct FiberStack {
  uintptr_t bottom;  // lowest usable address (above the guard page)
  uintptr_t top;     // one past the highest
  char* parked;      // while parked: the bytes from the saved stack pointer to the top (malloc'd)
  size_t parked_len;
  unsigned valgrind_id;
};

// Only contexts with a boost fcontext stack: its handle is the saved stack pointer.
#ifndef ZEND_FIBER_UCONTEXT
// Per thread (ZTS): each thread's fibers are its own; the observers run on the thread that switches.
thread_local std::unordered_map<zend_fiber_context*, FiberStack> stacks;
thread_local size_t parked_count = 0;
uintptr_t page_size = 4096;
bool on_valgrind = false;

// Parking copies at most this much (a task parked this deep gains little and copies a lot), and gives
// back resident pages down to this far below the stack pointer (pages a deeper call touched earlier).
constexpr size_t kMaxParkedCopy = 16 * 1024;
constexpr size_t kReleaseBelow = 64 * 1024;

void unpark(FiberStack& s) {
  memcpy(reinterpret_cast<void*>(s.top - s.parked_len), s.parked, s.parked_len);
  free(s.parked);
  s.parked = nullptr;
  s.parked_len = 0;
  parked_count--;
}

// make_fcontext() put the context's first frame a few bytes under the top of its mapping, which is
// page-aligned; the engine maps the fiber.stack_size in force (rounded up to pages) below that top.
void on_fiber_init(zend_fiber_context* context) {
  if (!context->handle) return;
  FiberStack s{};
  s.top = (reinterpret_cast<uintptr_t>(context->handle) + page_size - 1) & ~(page_size - 1);
  s.bottom = s.top - ((static_cast<uintptr_t>(EG(fiber_stack_size)) + page_size - 1) & ~(page_size - 1));
#ifdef LOOM_REGISTER_FIBER_STACKS
  if (on_valgrind) s.valgrind_id = VALGRIND_STACK_REGISTER(s.bottom, s.top);
#endif
  stacks[context] = s;
}

void on_fiber_switch(zend_fiber_context*, zend_fiber_context* to) {
  if (!parked_count) return;
  auto it = stacks.find(to);
  if (it != stacks.end() && it->second.parked) unpark(it->second);
}

// What Loom holds for a stack that is gone: its parked copy and its valgrind registration.
void forget(FiberStack& s) {
  if (s.parked) {
    free(s.parked);
    parked_count--;
  }
#ifdef LOOM_REGISTER_FIBER_STACKS
  if (on_valgrind) VALGRIND_STACK_DEREGISTER(s.valgrind_id);
#endif
}

void on_fiber_destroy(zend_fiber_context* context) {
  auto it = stacks.find(context);
  if (it == stacks.end()) return;
  forget(it->second);
  stacks.erase(it);
}
#endif

}  // namespace

bool fiber_stack_park(zend_fiber_context* context) {
#ifndef ZEND_FIBER_UCONTEXT
  if (context->status != ZEND_FIBER_STATUS_SUSPENDED) return false;
  auto it = stacks.find(context);
  if (it == stacks.end()) return false;
  FiberStack& s = it->second;
  if (s.parked) return true;
  const uintptr_t sp = reinterpret_cast<uintptr_t>(context->handle);
  if (sp <= s.bottom || sp >= s.top || s.top - sp > kMaxParkedCopy) return false;
  const size_t len = s.top - sp;
  char* copy = static_cast<char*>(malloc(len));
  if (!copy) return false;
  memcpy(copy, reinterpret_cast<void*>(sp), len);
  uintptr_t low = sp & ~(page_size - 1);
  low = low - s.bottom > kReleaseBelow ? low - kReleaseBelow : s.bottom;
  if (madvise(reinterpret_cast<void*>(low), s.top - low, MADV_DONTNEED) != 0) {
    free(copy);
    return false;
  }
  s.parked = copy;
  s.parked_len = len;
  parked_count++;
  return true;
#else
  (void)context;
  return false;
#endif
}

size_t fiber_stacks_parked() {
#ifndef ZEND_FIBER_UCONTEXT
  return parked_count;
#else
  return 0;
#endif
}

void fiber_stacks_rshutdown() {
#ifndef ZEND_FIBER_UCONTEXT
  // The engine resumes suspended fibers later, to destroy them (after RSHUTDOWN): they need their frames
  // back. After a fatal error it abandons them instead, and a parked copy would be lost with them.
  if (!parked_count) return;
  for (auto& entry : stacks)
    if (entry.second.parked) unpark(entry.second);
#endif
}

void fiber_stacks_rinit() {
#ifndef ZEND_FIBER_UCONTEXT
  // Fibers do not outlive a request: what is left was abandoned (a fatal error) and is gone.
  for (auto& entry : stacks) forget(entry.second);
  stacks.clear();
#endif
}

void fiber_stacks_minit() {
#ifndef ZEND_FIBER_UCONTEXT
  page_size = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
#ifdef LOOM_REGISTER_FIBER_STACKS
  on_valgrind = RUNNING_ON_VALGRIND;
#endif
  zend_observer_fiber_init_register(on_fiber_init);
  zend_observer_fiber_switch_register(on_fiber_switch);
  zend_observer_fiber_destroy_register(on_fiber_destroy);
#endif
}

}  // namespace loom
