<?php
/*
 * A Revolt event-loop driver on Loom: AMPHP v3 (and ReactPHP through its Revolt adapter) runs on Loom's
 * libuv loop beside Loom tasks, in one process, under php-fpm too.
 *
 *   Revolt\EventLoop::setDriver(new Loom\Revolt\Driver());   // Loom does not install it by itself
 *
 * How it maps onto Loom: the loop is a Loom task, spawned when a callback or microtask needs it and
 * ending when no enabled callback and no microtask is left (or on stop()). It waits in a native
 * Loom\Internal\Poller (libuv polls of the streams' fds, libuv signal handles, its deadline a Loom timer),
 * so other tasks run meanwhile. With no referenced callback left its wait is unreferenced: unreferenced
 * callbacks fire while other Loom work runs the scheduler, but keep neither run(), a {main} suspension
 * nor the end of the script waiting (the scheduler releases that wait when nothing else is left, and the
 * loop ends). Callbacks run in a callback Fiber, as Revolt requires; a callback
 * that suspends (in Loom or through a Suspension) keeps that fiber, and later callbacks get a new one.
 * Suspensions are Loom waits: a Loom task or Fiber suspends alone; {main} runs Loom's scheduler (hence the
 * loop) until resumed.
 */

declare(strict_types=1);

namespace Loom\Revolt;

use Loom\Channel;
use Loom\Internal\Poller;
use Loom\Task;
use Revolt\EventLoop\CallbackType;
use Revolt\EventLoop\FiberLocal;
use Revolt\EventLoop\InvalidCallbackError;
use Revolt\EventLoop\UncaughtThrowable;
use Revolt\EventLoop\UnsupportedFeatureException;

final class Driver implements \Revolt\EventLoop\Driver
{
    private Poller $poller;
    private int $nextNum = 0;
    private int $nextTimerSeq = 0;
    /** @var array<string, Callback> */
    private array $callbacks = [];
    /** @var array<int, Callback> stream and signal callbacks by their poller id */
    private array $watched = [];
    /** @var array<string, Callback> enabled since the last tick started: activated at the next one */
    private array $enableQueue = [];
    /** @var array<string, Callback> active defers, run at the next tick */
    private array $deferQueue = [];
    /** Timer entries [seq, id]: a cancelled or rescheduled timer leaves a stale entry (its closure is not
     *  kept alive by it), skipped when reached and compacted away when they pile up. */
    private \SplPriorityQueue $timers;
    private int $staleTimers = 0;
    private \SplQueue $microtasks;
    /** Enabled and referenced callbacks: run() and the loop's referenced waits last while this is > 0
     *  or microtasks wait. */
    private int $referencedCount = 0;
    /** Enabled callbacks, referenced or not: the loop task lives while this is > 0 or microtasks wait. */
    private int $enabledCount = 0;
    /** Suspensions resumed whose fiber has not run yet: work, as Revolt's queued resume is. */
    private int $resuming = 0;

    private ?Task $loopTask = null;
    private bool $looping = false;
    /** The loop task is between waits (it looks at every queue before it waits again: no wakeup needed). */
    private bool $inTick = false;
    private bool $stopping = false;
    private bool $runCalled = false;
    /** run() waits on $runChannel until the loop has no referenced work, stops or fails. */
    private bool $runWaiting = false;
    private ?Channel $runChannel = null;
    private ?\Throwable $failure = null;
    private ?\Closure $errorHandler = null;

    private ?\Fiber $callbackFiber = null;
    private object $idle;
    private ?Suspension $mainSuspension = null;
    private \WeakMap $suspensions;

    public function __construct()
    {
        // AMPHP code (and Revolt's own contract) assumes a fiber runs uninterrupted between its suspension
        // points: futures, mutexes and connection pools keep shared state across plain statements. Loom
        // never preempts user Fibers (callbacks and Amp\async() run in them) nor a task while code from a
        // vendor/ directory (AMPHP, Revolt) is on its stack, and the loop task runs in Loom\atomic(), so
        // preemption stays on for the rest of the program's own code.
        $this->poller = new Poller();
        $this->timers = new \SplPriorityQueue();
        $this->timers->setExtractFlags(\SplPriorityQueue::EXTR_DATA);
        $this->microtasks = new \SplQueue();
        $this->idle = new \stdClass();
        $this->suspensions = new \WeakMap();
    }

    // ---------------------------------------------------------------------------------------------
    // Registering callbacks

    public function queue(\Closure $closure, mixed ...$args): void
    {
        $this->microtasks->enqueue([$closure, $args]);
        $this->wake();
    }

    public function defer(\Closure $closure): string
    {
        return $this->add(CallbackType::Defer, $closure);
    }

    public function delay(float $delay, \Closure $closure): string
    {
        if ($delay < 0) {
            throw new \Error('Delay must be greater than or equal to zero');
        }
        return $this->add(CallbackType::Delay, $closure, $delay);
    }

    public function repeat(float $interval, \Closure $closure): string
    {
        if ($interval < 0) {
            throw new \Error('Interval must be greater than or equal to zero');
        }
        return $this->add(CallbackType::Repeat, $closure, $interval);
    }

    public function onReadable(mixed $stream, \Closure $closure): string
    {
        return $this->add(CallbackType::Readable, $closure, 0.0, $stream);
    }

    public function onWritable(mixed $stream, \Closure $closure): string
    {
        return $this->add(CallbackType::Writable, $closure, 0.0, $stream);
    }

    public function onSignal(int $signal, \Closure $closure): string
    {
        if (\PHP_SAPI === 'fpm-fcgi') {
            throw new UnsupportedFeatureException(
                'Signal callbacks are not supported under php-fpm: the FPM master and workers own the signals'
            );
        }
        return $this->add(CallbackType::Signal, $closure, 0.0, null, $signal);
    }

    private function add(
        CallbackType $type,
        \Closure $closure,
        float $interval = 0.0,
        mixed $stream = null,
        int $signal = 0,
    ): string {
        $num = ++$this->nextNum;
        $id = 'l' . \base_convert((string) $num, 10, 36);
        $callback = new Callback($id, $num, $type, $closure, $interval, $stream, $signal);
        if ($type === CallbackType::Signal) {
            // Fail now (unknown signal, one libuv cannot handle), not at activation.
            try {
                $this->poller->watchSignal($num, $signal);
            } catch (\ValueError $e) {
                throw new UnsupportedFeatureException("Signal $signal cannot be watched: " . $e->getMessage(), 0, $e);
            }
            $this->poller->unwatch($num);
        }
        $this->callbacks[$id] = $callback;
        $this->enableQueue[$id] = $callback;
        $this->enabledCount++;
        $this->referencedCount++;
        $this->wake();
        return $id;
    }

    // ---------------------------------------------------------------------------------------------
    // Callback state

    public function enable(string $callbackId): string
    {
        $callback = $this->callbacks[$callbackId] ?? throw InvalidCallbackError::invalidIdentifier($callbackId);
        if (!$callback->enabled) {
            $callback->enabled = true;
            $this->enabledCount++;
            if ($callback->referenced) {
                $this->referencedCount++;
            }
            $this->enableQueue[$callbackId] = $callback;
            $this->wake();
        }
        return $callbackId;
    }

    public function disable(string $callbackId): string
    {
        $callback = $this->callbacks[$callbackId] ?? null;
        if ($callback !== null && $callback->enabled) {
            $callback->enabled = false;
            $this->enabledCount--;
            if ($callback->referenced) {
                $this->referencedCount--;
                $this->wakeIfIdle();
            }
            $this->deactivate($callback);
        }
        return $callbackId;
    }

    public function cancel(string $callbackId): void
    {
        $this->disable($callbackId);
        unset($this->callbacks[$callbackId]);
    }

    public function reference(string $callbackId): string
    {
        $callback = $this->callbacks[$callbackId] ?? throw InvalidCallbackError::invalidIdentifier($callbackId);
        if (!$callback->referenced) {
            $callback->referenced = true;
            if ($callback->enabled) {
                $this->referencedCount++;
                $this->wake();
            }
        }
        return $callbackId;
    }

    public function unreference(string $callbackId): string
    {
        $callback = $this->callbacks[$callbackId] ?? null;
        if ($callback !== null && $callback->referenced) {
            $callback->referenced = false;
            if ($callback->enabled) {
                $this->referencedCount--;
                $this->wakeIfIdle();
            }
        }
        return $callbackId;
    }

    private function deactivate(Callback $callback): void
    {
        unset($this->enableQueue[$callback->id], $this->deferQueue[$callback->id]);
        if ($callback->active && isset($this->watched[$callback->num])) {
            unset($this->watched[$callback->num]);
            $this->poller->unwatch($callback->num);
        }
        $callback->active = false; // a timer's heap entry is skipped from now on
        if ($callback->inHeap) {
            $callback->inHeap = false;
            $this->staleTimers++;
        }
    }

    public function getIdentifiers(): array
    {
        return \array_map('strval', \array_keys($this->callbacks));
    }

    public function getType(string $callbackId): CallbackType
    {
        return ($this->callbacks[$callbackId] ?? throw InvalidCallbackError::invalidIdentifier($callbackId))->type;
    }

    public function isEnabled(string $callbackId): bool
    {
        return ($this->callbacks[$callbackId] ?? throw InvalidCallbackError::invalidIdentifier($callbackId))->enabled;
    }

    public function isReferenced(string $callbackId): bool
    {
        return ($this->callbacks[$callbackId] ?? throw InvalidCallbackError::invalidIdentifier($callbackId))->referenced;
    }

    public function setErrorHandler(?\Closure $errorHandler): void
    {
        $this->errorHandler = $errorHandler;
    }

    public function getErrorHandler(): ?\Closure
    {
        return $this->errorHandler;
    }

    /** Loom's loop has no PHP-visible handle (it is shared with Loom's scheduler and HTTP client). */
    public function getHandle(): mixed
    {
        return null;
    }

    public function __debugInfo(): array
    {
        $info = [];
        foreach ($this->callbacks as $id => $callback) {
            $info[$id] = ['type' => $callback->type, 'enabled' => $callback->enabled, 'referenced' => $callback->referenced];
        }
        return [
            'callbacks' => $info,
            'microtasks' => \count($this->microtasks),
            'running' => $this->isRunning(),
            'enabled' => $this->enabledCount,
            'referenced' => $this->referencedCount,
        ];
    }

    // ---------------------------------------------------------------------------------------------
    // Running

    public function run(): void
    {
        if ($this->runCalled) {
            throw new \Error('The event loop is already running');
        }
        if (\Fiber::getCurrent() !== null) {
            throw new \Error(\sprintf("Can't call %s() within a fiber (i.e., outside of {main})", __METHOD__));
        }
        $this->runCalled = true;
        try {
            if (!$this->alive()) {
                // Nothing referenced: Revolt's run() returns at once. A loop task with no work at all
                // is only about to end (a cancel woke it): let it, so nothing of the driver stays in Loom.
                if ($this->loopTask !== null && !$this->hasWork()) {
                    $this->loopTask->await();
                }
                return;
            }
            $this->runWaiting = true;
            $this->wake();
            // Until the loop has no referenced work left, stops or fails (it may end and start again
            // meanwhile, when work arrived as it ended); settleRun() and loop() send here.
            $failure = ($this->runChannel ??= new Channel(1))->receive();
            if ($failure !== null) {
                throw $failure;
            }
        } finally {
            $this->runCalled = false;
            $this->runWaiting = false;
        }
    }

    public function stop(): void
    {
        if ($this->loopTask !== null) {
            $this->stopping = true;
            $this->poller->wakeup();
        }
    }

    /** While the loop task runs callbacks, or waits for referenced ones (or inside run()); not while it
     *  only waits for unreferenced ones. */
    public function isRunning(): bool
    {
        return $this->looping && !$this->stopping && ($this->inTick || $this->runCalled || $this->referenced());
    }

    public function getSuspension(): \Revolt\EventLoop\Suspension
    {
        $fiber = \Fiber::getCurrent();
        if ($fiber === null) {
            return $this->mainSuspension ??= new Suspension($this, null);
        }
        return $this->suspensions[$fiber] ??= new Suspension($this, $fiber);
    }

    /**
     * Starts the loop task if there is work and it is not running, else interrupts its wait so it sees
     * new callbacks at once.
     *
     * @internal
     */
    public function wake(): void
    {
        if ($this->loopTask !== null) {
            if (!$this->inTick) {
                $this->poller->wakeup();
            }
        } elseif ($this->hasWork()) {
            $this->stopping = false;
            $this->loopTask = \Loom\spawn($this->runLoop(...));
        }
    }

    /** The last referenced work went away: a waiting loop must wake up to wait unreferenced (or end),
     *  and to let run() return. */
    private function wakeIfIdle(): void
    {
        if (!$this->referenced() && $this->loopTask !== null && !$this->inTick) {
            $this->poller->wakeup();
        }
    }

    /** A Suspension was resumed: until its fiber runs, run() goes on (Revolt queues the resume). Loom's
     *  scheduler resumes that fiber, not the loop: the loop neither starts nor waits referenced for it.
     *  @internal */
    public function resuming(): void
    {
        $this->resuming++;
    }

    /** The resumed Suspension's fiber took its value. @internal */
    public function resumed(): void
    {
        if (--$this->resuming === 0) {
            $this->settleRun();
        }
    }

    /** Referenced work for the loop: its waits are referenced while there is some. */
    private function referenced(): bool
    {
        return $this->referencedCount > 0 || !$this->microtasks->isEmpty();
    }

    /** What run() waits for: referenced work, and resumed suspensions whose fiber has not run yet. */
    private function alive(): bool
    {
        return $this->referenced() || $this->resuming > 0;
    }

    /** Any work for the loop: the loop task lives while there is some. */
    private function hasWork(): bool
    {
        return $this->enabledCount > 0 || !$this->microtasks->isEmpty();
    }

    /** run() returns once nothing referenced is left (the loop may go on, unreferenced). */
    private function settleRun(): void
    {
        if ($this->runWaiting && !$this->alive()) {
            $this->runWaiting = false;
            $this->runChannel->send(null);
        }
    }

    /**
     * The loop task's body. Loom\atomic(): the loop is never preempted, so a tick's bookkeeping (and the
     * decision to end) is never interleaved with callbacks that Loom resumes meanwhile; it still waits in
     * the poller and lets everything else run there.
     */
    private function runLoop(): void
    {
        \Loom\atomic($this->loop(...));
    }

    private function loop(): void
    {
        $this->looping = true;
        $this->inTick = true;
        $stopped = false;
        $released = false;
        try {
            while (!$this->stopping && $this->failure === null && $this->hasWork()) {
                if (!$this->tick()) {
                    $released = true; // only unreferenced work was left, and nothing else ran in Loom
                    break;
                }
            }
            $stopped = $this->stopping;
        } finally {
            $this->loopTask = null;
            $this->looping = false;
            $this->inTick = false;
            $this->stopping = false;
            $this->poller->pause();
        }
        if (!$stopped && !$released && $this->failure === null && $this->hasWork()) {
            $this->wake(); // work arrived as the loop was ending (a callback Loom resumed queued it)
        }
        $failure = $this->failure;
        $this->failure = null;
        // run() returns now unless work remains: the restarted loop, or a resumed fiber (resumed() tells).
        if ($this->runWaiting && ($failure !== null || $stopped || !$this->alive())) {
            $this->runWaiting = false;
            $this->runChannel->send($failure); // run() returns, or throws what no handler took
            return;
        }
        if ($failure !== null) {
            // Revolt throws what no handler took out of run(), or out of {main}'s suspend().
            if ($this->mainSuspension?->isPending()) {
                $this->mainSuspension->throw($failure);
                return;
            }
            throw $failure;
        }
    }

    /** One tick; false when the loop's unreferenced wait was released (nothing else runs in Loom). */
    private function tick(): bool
    {
        $this->invoke(null); // microtasks queued since the loop last had control

        // 1. Activate what was created or enabled before this tick.
        $enabled = $this->enableQueue;
        $this->enableQueue = [];
        $now = self::now(); // one clock reading for the batch: timers keep their relative order
        foreach ($enabled as $callback) {
            $this->activate($callback, $now);
        }

        // 2. Deferred callbacks, in order of enabling.
        $defers = $this->deferQueue;
        $this->deferQueue = [];
        foreach ($defers as $id => $callback) {
            unset($defers[$id]);
            if (!$callback->enabled || !$callback->active) {
                continue; // disabled by an earlier callback of this tick
            }
            $this->cancel($callback->id);
            $this->invoke($callback);
            if ($this->failure !== null) {
                $this->deferQueue = $defers + $this->deferQueue; // the rest run when the loop runs again
                return true;
            }
        }

        // 3. Wait (suspending only this task) when nothing else is pending, then due timers and ready
        //    streams and signals. With nothing referenced the wait is unreferenced: it keeps nothing in
        //    Loom running, and run() returns now.
        $referenced = $this->referenced();
        $this->settleRun();
        $timeout = -1.0;
        if ($this->enableQueue || $this->deferQueue || !$this->microtasks->isEmpty() || $this->stopping || !$this->hasWork()) {
            $timeout = 0.0;
        } elseif (!$this->timers->isEmpty()) {
            $timeout = \max(0.0, $this->nextExpiration() - self::now());
        }
        if ($timeout === 0.0 && !$this->hasWork() && !$this->watched && $this->timers->isEmpty()) {
            $ready = []; // the loop ends after this tick and nothing could be ready: no need to poll
        } else {
            $this->inTick = false;
            try {
                $ready = $this->poller->wait($timeout, $referenced);
            } finally {
                $this->inTick = true;
            }
            if ($ready === null) {
                return false;
            }
        }

        $this->invoke(null);

        $now = self::now();
        $due = [];
        while (!$this->timers->isEmpty()) {
            $callback = $this->liveTimer($this->timers->top());
            if ($callback === null) {
                $this->timers->extract(); // stale entry: disabled, cancelled or rescheduled
                $this->staleTimers--;
                continue;
            }
            if ($callback->expiration > $now) {
                break;
            }
            $this->timers->extract();
            $callback->inHeap = false;
            $due[] = $callback;
        }
        foreach ($due as $i => $callback) {
            unset($due[$i]);
            if (!$callback->enabled || !$callback->active) {
                continue;
            }
            if ($callback->type === CallbackType::Repeat) {
                $this->invoke($callback);
                // The next run counts from the end of this one, so runs are never less than one interval
                // apart however late this one was (a slow tick, valgrind); unless the callback cancelled,
                // disabled or re-enabled (and so rescheduled) itself.
                if ($callback->enabled && $callback->active && !$callback->inHeap) {
                    $this->scheduleTimer($callback, self::now() + $callback->interval);
                }
            } else {
                $this->cancel($callback->id);
                $this->invoke($callback);
            }
            if ($this->failure !== null) {
                foreach ($due as $rest) {
                    $this->scheduleTimer($rest, $rest->expiration); // still due when the loop runs again
                }
                return true;
            }
        }

        foreach ($ready as $num => $events) {
            $callback = $this->watched[$num] ?? null;
            if ($callback === null || !$callback->enabled || !$callback->active) {
                continue;
            }
            $this->invoke($callback);
            if ($this->failure !== null) {
                return true;
            }
        }
        return true;
    }

    private function activate(Callback $callback, float $now): void
    {
        if (!$callback->enabled || !isset($this->callbacks[$callback->id])) {
            return;
        }
        $callback->active = true;
        switch ($callback->type) {
            case CallbackType::Defer:
                $this->deferQueue[$callback->id] = $callback;
                break;
            case CallbackType::Delay:
            case CallbackType::Repeat:
                $this->scheduleTimer($callback, $now + $callback->interval);
                break;
            case CallbackType::Readable:
            case CallbackType::Writable:
                $this->watched[$callback->num] = $callback;
                $events = $callback->type === CallbackType::Readable ? Poller::READABLE : Poller::WRITABLE;
                if (\is_resource($callback->stream)) {
                    $this->poller->watchStream($callback->num, $callback->stream, $events);
                }
                break;
            case CallbackType::Signal:
                $this->watched[$callback->num] = $callback;
                $this->poller->watchSignal($callback->num, $callback->signal);
                break;
        }
    }

    private function scheduleTimer(Callback $callback, float $expiration): void
    {
        $callback->expiration = $expiration;
        if ($callback->inHeap) {
            $this->staleTimers++; // its previous entry is stale now
        }
        $callback->inHeap = true;
        $callback->timerSeq = ++$this->nextTimerSeq;
        // Earliest first; equal expirations in order of scheduling.
        $this->timers->insert([$callback->timerSeq, $callback->id], [-$expiration, -$callback->timerSeq]);
    }

    private function nextExpiration(): float
    {
        if ($this->staleTimers > 256 && $this->staleTimers > \count($this->timers) / 2) {
            $this->compactTimers();
        }
        while (!$this->timers->isEmpty()) {
            $callback = $this->liveTimer($this->timers->top());
            if ($callback !== null) {
                return $callback->expiration;
            }
            $this->timers->extract();
            $this->staleTimers--;
        }
        return \INF;
    }

    /** The callback a heap entry stands for, or null if the entry is stale. */
    private function liveTimer(array $entry): ?Callback
    {
        $callback = $this->callbacks[$entry[1]] ?? null;
        return $callback !== null && $callback->active && $callback->enabled && $callback->timerSeq === $entry[0]
            ? $callback : null;
    }

    /** Many cancelled timers (request timeouts that never fired): rebuild the heap from the live ones. */
    private function compactTimers(): void
    {
        $live = new \SplPriorityQueue();
        $live->setExtractFlags(\SplPriorityQueue::EXTR_BOTH);
        $this->timers->setExtractFlags(\SplPriorityQueue::EXTR_BOTH);
        foreach ($this->timers as $item) {
            if ($this->liveTimer($item['data']) !== null) {
                $live->insert($item['data'], $item['priority']);
            }
        }
        $live->setExtractFlags(\SplPriorityQueue::EXTR_DATA);
        $this->timers = $live;
        $this->staleTimers = 0;
    }

    private static function now(): float
    {
        return \hrtime(true) / 1e9;
    }

    // ---------------------------------------------------------------------------------------------
    // Invoking callbacks in the callback fiber

    /** Runs $callback (null: only pending microtasks) in the callback fiber. */
    private function invoke(?Callback $callback): void
    {
        if ($callback === null && $this->microtasks->isEmpty()) {
            return;
        }
        if ($this->callbackFiber === null) {
            $fiber = new \Fiber($this->callbackFiberMain(...));
            $fiber->start();
            $this->callbackFiber = $fiber;
        }
        $result = $this->callbackFiber->resume($callback ?? false);
        if ($result !== $this->idle) {
            // The callback suspended (a Loom wait, a Suspension): that fiber now belongs to it; it ends
            // once the callback returns. Later callbacks get a new fiber.
            $this->callbackFiber = null;
        }
    }

    private function callbackFiberMain(): void
    {
        $self = \Fiber::getCurrent();
        $job = \Fiber::suspend($this->idle);
        while ($job !== null) {
            if ($job instanceof Callback) {
                $this->call($job);
            }
            $this->runMicrotasks();
            if ($this->callbackFiber !== $self) {
                return; // detached while the callback was suspended
            }
            if (\class_exists(FiberLocal::class, false)) {
                FiberLocal::clear();
            }
            $job = \Fiber::suspend($this->idle);
        }
    }

    private function call(Callback $callback): void
    {
        try {
            $result = match ($callback->type) {
                CallbackType::Readable, CallbackType::Writable => ($callback->closure)($callback->id, $callback->stream),
                CallbackType::Signal => ($callback->closure)($callback->id, $callback->signal),
                default => ($callback->closure)($callback->id),
            };
            if ($result !== null) {
                throw InvalidCallbackError::nonNullReturn($callback->id, $callback->closure);
            }
        } catch (\Throwable $e) {
            $this->handleError($callback->closure, $e);
        }
    }

    private function runMicrotasks(): void
    {
        while (!$this->microtasks->isEmpty() && $this->failure === null) {
            [$closure, $args] = $this->microtasks->dequeue();
            try {
                $closure(...$args);
            } catch (\Throwable $e) {
                $this->handleError($closure, $e);
            }
        }
    }

    private function handleError(\Closure $closure, \Throwable $e): void
    {
        $handler = $this->errorHandler;
        if ($handler === null) {
            $this->fail(UncaughtThrowable::throwingCallback($closure, $e));
            return;
        }
        try {
            $handler($e);
        } catch (\Throwable $e2) {
            $this->fail(UncaughtThrowable::throwingErrorHandler($handler, $e2));
        }
    }

    private function fail(\Throwable $e): void
    {
        $this->failure ??= $e;
        if ($this->loopTask !== null) {
            if (!$this->inTick) {
                $this->poller->wakeup();
            }
        } else {
            // A callback that suspended failed after the loop had ended: a loop run delivers it.
            $this->loopTask = \Loom\spawn($this->runLoop(...));
        }
    }
}
