//! `plan`: keep a public health-and-care strategy as YAML in git, prove that every piece of
//! work traces back to it, and publish it.
//!
//! The pipeline runs one way: [`load`] finds and parses the plan files into the typed
//! [`model`], [`check`] runs the rules over it and returns [`diagnostic`]s, and [`report`]
//! shows them. [`run`] ties the stages together for the command line. The library never
//! prints; only the binary does.

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod check;
pub mod config;
pub mod county;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod error;
pub mod escape;
pub mod files;
pub mod followup;
pub mod git;
pub mod import;
pub mod init;
pub mod lang;
pub mod list;
pub mod load;
pub mod lsp;
pub mod memory;
pub mod model;
pub mod new;
pub mod render;
pub mod report;
pub mod run;
pub mod source;
pub mod sources;
pub mod suggest;
pub mod table;
pub mod yaml;
