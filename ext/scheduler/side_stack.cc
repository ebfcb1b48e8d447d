// One C stack shared by every task for deep C-only work (curl's URL parser and printf, curl_easy_init
// and the setopts): a task's fiber keeps every page of its own C stack it ever touched resident for its
// whole life, so work done there costs each task a page or two; done here, the pages are paid once.
// Built on the engine's exported context API (zend_fiber_init_context / zend_fiber_switch_context), as
// a coroutine that runs one job per switch and switches back to its caller.
#include "scheduler/api.h"

extern "C" {
#include "zend_exceptions.h"
#include "zend_fibers.h"
}

namespace loom {

namespace {

struct SideStack {
  zend_fiber_context context;  // zeroed; set up by zend_fiber_init_context()
  void (*fn)(void*);
  void* arg;
  bool running;  // a job runs on it now: a nested call runs in place
};

thread_local SideStack* side = nullptr;  // per request: created on first use, freed by side_stack_rshutdown()
char side_stack_kind;                    // the context's `kind`: not a Zend fiber (observers tell them apart)

// The coroutine: runs the job it was switched in for, then switches back to whoever switched in, and
// waits there for the next one. It never returns; its context is destroyed suspended at request end.
// While a job runs, the engine's VM globals are the ones this context saw when it last switched out
// (zend_fiber_switch_context() saves and restores them per side): a job must not read them, nor run
// PHP, nor emalloc (an out-of-memory bailout would longjmp across stacks).
void side_main(zend_fiber_transfer* transfer) {
  for (;;) {
    side->fn(side->arg);
    ZVAL_NULL(&transfer->value);
    transfer->flags = 0;
    zend_fiber_switch_context(transfer);  // transfer->context was set to the caller by its switch
  }
}

bool side_create() {
  auto* s = static_cast<SideStack*>(ecalloc(1, sizeof(SideStack)));
  zend_fiber_init_context(&s->context, &side_stack_kind, side_main, EG(fiber_stack_size));
  if (!s->context.stack) {  // mmap failed (the engine threw): the jobs run in place instead
    if (EG(exception)) zend_clear_exception();
    efree(s);
    return false;
  }
  side = s;
  return true;
}

}  // namespace

void run_on_side_stack(void (*fn)(void*), void* arg) {
  // Top-level code already runs on the main stack; a nested call is already on the side stack.
  if (!EG(active_fiber) || (side && side->running) || (!side && !side_create())) {
    fn(arg);
    return;
  }
  side->fn = fn;
  side->arg = arg;
  side->running = true;
  zend_fiber_transfer transfer;
  transfer.context = &side->context;
  ZVAL_NULL(&transfer.value);
  transfer.flags = 0;
  zend_fiber_switch_context(&transfer);
  side->running = false;
}

void side_stack_rshutdown() {
  if (!side) return;
  zend_fiber_destroy_context(&side->context);  // suspended between jobs: nothing on it to unwind
  efree(side);
  side = nullptr;
}

}  // namespace loom
