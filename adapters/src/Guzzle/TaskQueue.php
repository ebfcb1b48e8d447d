<?php
/*
 * Guzzle's promise queue for Loom: Guzzle settles promises by queueing callbacks that anyone may run
 * (every wait() runs the queue, and so does each transfer's task). With Loom several tasks run the queue,
 * and a task preempted in the middle of a callback would leave the promise that callback settles pending
 * while another task's wait() runs the rest of the queue and concludes its promise can never settle
 * ("Invoking the wait callback did not resolve the promise"). The queue runs with preemption off
 * (Loom\atomic()), so a callback that does not suspend by itself completes before any other task runs.
 */

declare(strict_types=1);

namespace Loom\Guzzle;

use GuzzleHttp\Promise\TaskQueueInterface;
use GuzzleHttp\Promise\Utils;

/** @internal */
final class TaskQueue implements TaskQueueInterface
{
    /** @var list<callable> */
    private array $queue = [];

    /** Makes this Guzzle's global queue (once), taking over what the one it replaces still holds. */
    public static function install(): void
    {
        $current = Utils::queue();
        if ($current instanceof self) {
            return;
        }
        $queue = new self();
        Utils::queue($queue);
        // The replaced queue may hold callbacks already (promises settled before the first Handler).
        if (!$current->isEmpty()) {
            $queue->add([$current, 'run']);
        }
    }

    public function __construct()
    {
        // As Guzzle's own queue does: callbacks still queued at the end of the script run then.
        register_shutdown_function(function (): void {
            if ($this->queue) {
                $this->run();
            }
        });
    }

    public function isEmpty(): bool
    {
        return !$this->queue;
    }

    public function add(callable $task): void
    {
        $this->queue[] = $task;
    }

    public function run(): void
    {
        // One atomic section for the loop too: a task preempted between taking a callback and running it
        // would hide that callback from every other task's run().
        \Loom\atomic(function (): void {
            while ($task = array_shift($this->queue)) {
                $task();
            }
        });
    }
}
