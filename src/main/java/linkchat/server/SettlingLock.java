package linkchat.server;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The hub's one lock. What runs under it may note that who is where changed ({@link #changed});
 * the change is then settled once, by the action given at construction, before the lock is
 * released: a peer's message that moves many users costs one settling, not one per user.
 */
final class SettlingLock {
    private final ReentrantLock lock = new ReentrantLock();
    private final Runnable settle;
    /** Set under the lock; cleared by the settling. */
    private boolean changed;

    /** {@code settle} runs under the lock, after an action that noted a change. */
    SettlingLock(Runnable settle) {
        this.settle = settle;
    }

    /** Notes a change to settle if {@code change} is true. Caller holds the lock. */
    void changed(boolean change) {
        changed |= change;
    }

    /** Runs {@code action} under the lock, settles what it changed, and returns its result. */
    <T> T call(Supplier<T> action) {
        lock.lock();
        try {
            T result = action.get();
            if (changed) {
                changed = false;
                settle.run();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #call}, for an action with no result. */
    void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }
}
