// Internal I/O primitives for loom/adapters (namespace Loom\Internal): Poller, the stream and signal
// watch set the Revolt driver's loop waits on. Not a public API.
#ifndef LOOM_IO_H
#define LOOM_IO_H

#include "php_loom.h"

namespace loom::io {

void io_minit();  // registers Loom\Internal\Poller

}  // namespace loom::io

#endif
