--TEST--
Scheduler: timeout() returns the work's value (or rethrows its exception) when it finishes in time
--FILE--
<?php
var_dump(Loom\timeout(1, fn($a, $b) => $a + $b, 2, 3));
try {
    Loom\timeout(1, function () { throw new InvalidArgumentException('inner'); });
} catch (InvalidArgumentException $e) { echo "rethrown: ", $e->getMessage(), "\n"; }
?>
--EXPECT--
int(5)
rethrown: inner
