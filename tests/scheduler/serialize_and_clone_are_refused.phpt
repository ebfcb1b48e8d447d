--TEST--
Scheduler: Task and Channel cannot be serialized or cloned (they stand for live work)
--FILE--
<?php
foreach ([Loom\spawn(fn() => 1), new Loom\Channel(1)] as $o) {
    try { serialize($o); } catch (Exception $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
    try { clone $o; } catch (Error $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }
}
?>
--EXPECT--
Exception: Serialization of 'Loom\Task' is not allowed
Error: Trying to clone an uncloneable object of class Loom\Task
Exception: Serialization of 'Loom\Channel' is not allowed
Error: Trying to clone an uncloneable object of class Loom\Channel
