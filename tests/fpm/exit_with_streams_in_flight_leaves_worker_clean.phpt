--TEST--
FPM: exit() with 10 streams in flight: output and shutdown functions kept, the same worker serves the next request correctly, fds back to baseline
--SKIPIF--
<?php require __DIR__ . '/../inc/fpm.inc'; loom_fpm_skipif(); ?>
--FILE--
<?php
require __DIR__ . '/fault_with_streams_in_flight.inc';
fault_with_streams_in_flight('exit');
?>
--EXPECT--
faulting page: status 200, ended: yes, body: "exiting\nshutdown function ran\n"
ended without waiting for the streams (20 s): yes
same worker serves the next request: yes
next request correct: yes
on entry: tasks=0 curl_handles=0 timers=0 waiting=0
fds right after the fault <= baseline: yes
fds back to baseline: yes
crash lines in the FPM log: 0
