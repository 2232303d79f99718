//! A global allocator that counts the bytes in use, so that `plan render` can stop a user's
//! template that builds ever larger values (`{% set_global s = s ~ s %}` in a loop) before
//! it takes the machine's memory: tera has no limit of its own on the size of a value.
//!
//! The binary installs it around mimalloc. Each thread keeps its own running sum and adds it
//! to the shared count only when it has moved by [`BATCH`] bytes, so the count is off by at
//! most that much a thread and the allocator's hot path touches no shared cache line. A
//! program that does not install it (tests, other users of the library) gets `None` from
//! [`live_bytes`].

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

/// How far a thread's own sum may move before it is added to the shared count.
const BATCH: i64 = 1024 * 1024;

/// The bytes in use, all threads together, give or take [`BATCH`] a thread.
static LIVE: AtomicI64 = AtomicI64::new(0);
/// Whether the counting allocator is the one in use.
static INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    static PENDING: Cell<i64> = const { Cell::new(0) };
}

/// Counts what allocator `A` hands out and takes back.
pub struct Counting<A>(pub A);

fn count(delta: i64) {
    let flushed = PENDING.try_with(|pending| {
        let sum = pending.get() + delta;
        if sum.abs() >= BATCH {
            LIVE.fetch_add(sum, Ordering::Relaxed);
            pending.set(0);
        } else {
            pending.set(sum);
        }
    });
    if flushed.is_err() {
        // The thread is ending and its own sum is gone: count this directly.
        LIVE.fetch_add(delta, Ordering::Relaxed);
    }
}

fn size(layout: Layout) -> i64 {
    i64::try_from(layout.size()).unwrap_or(i64::MAX)
}

// SAFETY: every call is passed on to `A` unchanged; only counting is added, which neither
// allocates nor unwinds.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if !INSTALLED.load(Ordering::Relaxed) {
            INSTALLED.store(true, Ordering::Relaxed);
        }
        // SAFETY: the caller's guarantees for `layout` are passed on.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            count(size(layout));
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` of `A` with this layout.
        unsafe { self.0.dealloc(ptr, layout) };
        count(-size(layout));
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if !INSTALLED.load(Ordering::Relaxed) {
            INSTALLED.store(true, Ordering::Relaxed);
        }
        // SAFETY: as for `alloc`.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            count(size(layout));
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc` and `dealloc`.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(i64::try_from(new_size).unwrap_or(i64::MAX) - size(layout));
        }
        p
    }
}

/// The bytes in use now, if the counting allocator is installed.
pub fn live_bytes() -> Option<u64> {
    INSTALLED.load(Ordering::Relaxed).then(|| u64::try_from(LIVE.load(Ordering::Relaxed)).unwrap_or(0))
}
