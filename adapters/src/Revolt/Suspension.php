<?php
/*
 * Revolt's Suspension on Loom: suspend() is a Loom wait (a one-slot Loom\Channel), so it suspends only
 * the calling Loom task or Fiber, and in {main} runs Loom's scheduler (and so the driver's loop task)
 * until resumed. Loom's deadlock detection sees it; in {main} a deadlock is reported as Revolt reports it.
 *
 * @internal
 */

declare(strict_types=1);

namespace Loom\Revolt;

use Loom\Channel;
use Loom\DeadlockException;

/** @internal */
final class Suspension implements \Revolt\EventLoop\Suspension
{
    private ?Channel $channel = null;
    private bool $pending = false;
    /** resume()/throw() handed a value over that suspend() has not taken yet (the driver counts it). */
    private bool $delivered = false;
    private ?\WeakReference $fiber;

    public function __construct(private readonly Driver $driver, ?\Fiber $fiber)
    {
        $this->fiber = $fiber ? \WeakReference::create($fiber) : null;
    }

    public function suspend(): mixed
    {
        if ($this->pending) {
            throw new \Error('Must call resume() or throw() before calling suspend() again');
        }
        if ($this->fiber?->get() !== \Fiber::getCurrent()) {
            throw new \Error('Must not call suspend() from another fiber');
        }
        $this->pending = true;
        $channel = $this->channel ??= new Channel(1);
        $this->driver->wake();
        try {
            [$ok, $value] = $channel->receive();
        } catch (DeadlockException $e) {
            $this->pending = false;
            if ($this->fiber === null) {
                throw new \Error(
                    'Event loop terminated without resuming the current suspension (the cause is either a fiber '
                    . 'deadlock, or an incorrectly unreferenced/canceled watcher): ' . $e->getMessage(),
                    0,
                    $e
                );
            }
            throw $e;
        } catch (\Throwable $e) {
            $this->pending = false; // cancelled (Loom\CancelledException) or the context is being destroyed
            throw $e;
        } finally {
            $this->taken(); // also when the fiber is destroyed while it waits
        }
        if (!$ok) {
            throw $value;
        }
        return $value;
    }

    public function resume(mixed $value = null): void
    {
        $this->deliver(true, $value);
    }

    public function throw(\Throwable $throwable): void
    {
        $this->deliver(false, $throwable);
    }

    /** True while suspend() waits and nothing resumed it yet. */
    public function isPending(): bool
    {
        return $this->pending;
    }

    private function deliver(bool $ok, mixed $value): void
    {
        if (!$this->pending) {
            throw new \Error('Must call suspend() before calling resume()');
        }
        $this->pending = false;
        // Revolt resumes the fiber through the loop's queue, so run() does not return before it ran: the
        // driver counts the resume as work until suspend() has taken the value.
        $this->delivered = true;
        $this->driver->resuming();
        // The slot is free (one resume per suspend): send() never waits, so resume() works anywhere,
        // destructors and Loom-refused contexts included.
        $this->channel->send([$ok, $value]);
    }

    private function taken(): void
    {
        if ($this->delivered) {
            $this->delivered = false;
            $this->driver->resumed();
        }
    }
}
