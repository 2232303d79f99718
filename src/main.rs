//! The `plan` command. All logic lives in the library; [`cli`] parses arguments, calls it
//! and maps the outcome to an exit code.

mod cli;

/// mimalloc instead of the system allocator: loading builds many small values on every
/// core at once, where glibc's allocator spends a fifth of the time (measured with perf;
/// see docs/PERFORMANCE.md). Counted, so that a template that fills memory is stopped.
#[global_allocator]
static ALLOCATOR: plan::memory::Counting<mimalloc::MiMalloc> = plan::memory::Counting(mimalloc::MiMalloc);

fn main() -> std::process::ExitCode {
    cli::main()
}
