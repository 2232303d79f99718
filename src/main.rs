//! The `plan` command. All logic lives in the library; [`cli`] parses arguments, calls it
//! and maps the outcome to an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
