//! An ordered parallel map on scoped threads.
//!
//! Threads are started for one call and joined before it returns, rather
//! than kept in a global pool (rayon's): a pool's threads do not survive
//! `fork`, and a child process that inherited a pool would wait for them
//! forever. Starting two to a few dozen threads costs microseconds against
//! the milliseconds of the work they share.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The number of threads "all cores" means here.
pub fn all_cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// `items.map(f)` on `threads` threads (0: all cores), results in input order. Each thread
/// makes its own state with `init` (a scorer with its own vocabulary, say)
/// and takes the next item as soon as it is done with one, so a slow item
/// does not hold up the others. `f` should not panic; a panic is resumed on
/// the calling thread once every thread has stopped.
pub fn map_with<T, S, R>(
    items: &[T],
    threads: usize,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let threads = if threads == 0 { all_cores() } else { threads };
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        let mut state = init();
        return items.iter().map(|item| f(&mut state, item)).collect();
    }
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut state = init();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, f(&mut state, item)));
        }
        done
    };
    let parts: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(worker)).collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in parts.into_iter().flatten() {
        slots[i] = Some(r);
    }
    // Every index below `items.len()` was taken by exactly one thread.
    slots.into_iter().flatten().collect()
}
