// Fiber C stacks made known to valgrind when PHP itself does not. A PHP built with --with-valgrind
// registers every fiber stack it maps (VALGRIND_STACK_REGISTER); one built without it (Debian's) does
// not, and valgrind then tells a switch between two stacks from a call by the size of the stack
// pointer's jump alone (--max-stackframe, 2 MiB). Fiber stacks are neighbouring mappings, so a switch
// from deep inside one fiber (a task far into recursion calling request(), which moves to the shared
// side stack) can jump less than that: valgrind takes it for a frame pushed or popped, marks the other
// stack's saved registers undefined, and reports errors that are not there. Under valgrind only, Loom
// registers each fiber context's stack (tasks', user Fibers', the side stack) from the engine's fiber
// observers, as such a PHP would. Nothing is registered, and no observer is added, outside valgrind.
#include "scheduler/internal.h"

extern "C" {
#include "zend_observer.h"
}

#if !defined(HAVE_VALGRIND) && !defined(ZEND_FIBER_UCONTEXT) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <unistd.h>
#include <valgrind/valgrind.h>
#define LOOM_REGISTER_FIBER_STACKS 1
#endif
#endif

namespace loom {

#ifdef LOOM_REGISTER_FIBER_STACKS
namespace {

std::unordered_map<zend_fiber_context*, unsigned>* stack_ids;  // context -> valgrind's id for its stack

// A context's stack: make_fcontext() put its first frame a few bytes under the top of the mapping, which
// is page-aligned; the engine maps fiber.stack_size (rounded up to pages) below that top. Every context
// is made with the fiber.stack_size in force when it is made (Fiber::start, the side stack).
void on_fiber_init(zend_fiber_context* context) {
  if (!context->handle) return;
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t top = (reinterpret_cast<uintptr_t>(context->handle) + page - 1) & ~(page - 1);
  const uintptr_t size = (static_cast<uintptr_t>(EG(fiber_stack_size)) + page - 1) & ~(page - 1);
  (*stack_ids)[context] = VALGRIND_STACK_REGISTER(top - size, top);
}

void on_fiber_destroy(zend_fiber_context* context) {
  auto it = stack_ids->find(context);
  if (it == stack_ids->end()) return;
  VALGRIND_STACK_DEREGISTER(it->second);
  stack_ids->erase(it);
}

}  // namespace
#endif

void valgrind_stacks_minit() {
#ifdef LOOM_REGISTER_FIBER_STACKS
  if (!RUNNING_ON_VALGRIND) return;
  static std::unordered_map<zend_fiber_context*, unsigned> ids;
  stack_ids = &ids;
  zend_observer_fiber_init_register(on_fiber_init);
  zend_observer_fiber_destroy_register(on_fiber_destroy);
#endif
}

}  // namespace loom
