//! A global allocator that counts, for the memory measurements (`benches/memory.rs`,
//! `tests/memory.rs`, included by `#[path]`): the live heap and its peak, the number of
//! allocations and the bytes allocated in all. It hands every call to the system
//! allocator unchanged. (The library itself has no `unsafe`; an allocator cannot be
//! written without it.)
#![allow(dead_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The counting allocator: `#[global_allocator] static A: Counting = Counting;`.
pub struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);
static TOTAL: AtomicUsize = AtomicUsize::new(0);

fn grown(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
    COUNT.fetch_add(1, Relaxed);
    TOTAL.fetch_add(bytes, Relaxed);
}

// SAFETY: every call goes to `System` with the caller's arguments; the counters are
// atomics and never touch the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc`, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grown(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc_zeroed`, passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grown(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc`, passed on.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc`, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // a reallocation counts as one allocation of the new size
            LIVE.fetch_sub(layout.size(), Relaxed);
            grown(new_size);
        }
        p
    }
}

/// What one piece of work took from the heap, above what was live when it started.
#[derive(Clone, Copy, Debug, Default)]
pub struct Usage {
    /// The live heap at its highest.
    pub peak: usize,
    /// Allocations and reallocations.
    pub allocations: usize,
    /// Bytes allocated in all (each reallocation counted at its new size).
    pub allocated: usize,
}

/// Run `work` (alone: other threads' allocations would count too) and give what it
/// took from the heap; what it returns is still live at the end, so it counts.
pub fn measure<T>(work: impl FnOnce() -> T) -> (T, Usage) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let (count, total) = (COUNT.load(Relaxed), TOTAL.load(Relaxed));
    let out = work();
    let usage = Usage {
        peak: PEAK.load(Relaxed) - base,
        allocations: COUNT.load(Relaxed) - count,
        allocated: TOTAL.load(Relaxed) - total,
    };
    (out, usage)
}
