--TEST--
Revolt: cancel() never fails (unknown or cancelled ids too); afterwards the id is invalid for enable, reference, getType and friends
--SKIPIF--
<?php require __DIR__ . '/revolt.inc'; loom_revolt_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/revolt.inc';
loom_revolt_load();
use Revolt\EventLoop;
EventLoop::cancel('no-such-id');
$id = EventLoop::delay(1, function () { echo "never\n"; });
EventLoop::cancel($id);
EventLoop::cancel($id);
EventLoop::disable($id);      // must not fail either
EventLoop::unreference($id);  // must not fail either
foreach (['enable', 'reference', 'getType', 'isEnabled', 'isReferenced'] as $m) {
    try {
        EventLoop::$m($id);
        echo "$m: no error\n";
    } catch (Revolt\EventLoop\InvalidCallbackError $e) {
        echo "$m: ", $e->getMessage() === "Invalid callback identifier $id" ? 'InvalidCallbackError' : $e->getMessage(), "\n";
    }
}
var_dump(EventLoop::getIdentifiers());
EventLoop::run();
loom_revolt_baseline();
?>
--EXPECTF--
enable: InvalidCallbackError
reference: InvalidCallbackError
getType: InvalidCallbackError
isEnabled: InvalidCallbackError
isReferenced: InvalidCallbackError
array(0) {
}
baseline: ok
