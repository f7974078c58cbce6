//! Handing freed heap pages back to the system. A leaf: the session's loads, the analysis
//! threads and the diagnostics tasks call it after work that freed a lot.

/// Hand memory freed by a load (validation compiles, the previous library) back to the OS:
/// glibc keeps freed heap pages otherwise, and an editor runs this process all day.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free pages of the allocator's own heap.
    unsafe {
        libc::malloc_trim(0);
    }
}
