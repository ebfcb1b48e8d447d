--TEST--
Scheduler: with OPcache's function-mode JIT (which computes wrong results when VM interrupts arrive) preemption stays off, with one warning saying why and how to turn it back on
--EXTENSIONS--
opcache
--SKIPIF--
<?php
if (getenv('LOOM_TEST_SCALE') === 'valgrind') die('skip the JIT under valgrind');
?>
--INI--
opcache.enable=1
opcache.enable_cli=1
opcache.jit_buffer_size=16M
opcache.jit=1205
--FILE--
<?php
require __DIR__ . '/../inc/loom.inc';
$f = fn() => (function () { $t = hrtime(true); while (hrtime(true) - $t < 30e6); return 'spun'; })();
echo Loom\spawn($f)->await(), "\n", Loom\spawn($f)->await(), "\n";
var_dump(Loom\stats()['preemptions']);
loom_assert_baseline();
?>
--EXPECTF--
Warning: Loom\Task::await(): Loom task preemption is off in this process: OPcache's function-mode JIT (opcache.jit trigger digit 0-3) computes wrong results when VM interrupts arrive. Use the tracing JIT (opcache.jit=tracing) or no JIT to have it on again in %s on line %d
spun
spun
int(0)
baseline: ok
