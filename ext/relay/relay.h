// Loom\Relay's module hooks (relay_module.cc): handoff() and serve().
#ifndef LOOM_RELAY_H
#define LOOM_RELAY_H

namespace loom::relay {
void relay_minit();
void relay_mshutdown();
}  // namespace loom::relay

#endif
