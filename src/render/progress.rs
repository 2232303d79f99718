//! A progress bar on the terminal for renders that take more than a second.
//!
//! The bar stays hidden for the first second, so a small site renders as quietly as before,
//! and it is cleared when the pages are written, so the summary line is what is left. It is
//! only ever drawn where `plan render` was told it may (stderr is a terminal and the output
//! is not for a machine); a render in CI or into a pipe prints nothing more.

use crate::lang::Lang;
use crate::t;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How long a render runs before its bar is drawn.
pub const DELAY: Duration = Duration::from_secs(1);

/// Counts the pages of one render, and shows the count once the render has taken [`DELAY`].
pub struct Progress {
    bar: Option<ProgressBar>,
    target: std::sync::Mutex<Option<ProgressDrawTarget>>,
    started: Instant,
    shown: AtomicBool,
}

impl Progress {
    /// No bar.
    pub fn off() -> Progress {
        Progress {
            bar: None,
            target: std::sync::Mutex::new(None),
            started: Instant::now(),
            shown: AtomicBool::new(true),
        }
    }

    /// A bar on stderr.
    pub fn stderr() -> Progress {
        Progress::to(ProgressDrawTarget::stderr())
    }

    /// A bar drawn to `target` once the render has taken [`DELAY`].
    pub fn to(target: ProgressDrawTarget) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        Progress {
            bar: Some(bar),
            target: std::sync::Mutex::new(Some(target)),
            started: Instant::now(),
            shown: AtomicBool::new(false),
        }
    }

    /// Begins counting `total` pages.
    pub fn start(&self, total: usize, lang: Lang) {
        let Some(bar) = &self.bar else { return };
        let template = format!("{{msg}} [{{bar:30}}] {{pos}}/{{len}} {}", t!(lang, "sidor", "pages"));
        if let Ok(style) = ProgressStyle::with_template(&template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(t!(lang, "Skriver webbplatsen", "Rendering the site").to_owned());
        bar.set_length(total as u64);
    }

    /// One page more is done.
    pub fn tick(&self) {
        let Some(bar) = &self.bar else { return };
        bar.inc(1);
        if !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed() >= DELAY
            && !self.shown.swap(true, Ordering::AcqRel)
            && let Some(target) = self.target.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take()
        {
            bar.set_draw_target(target);
        }
    }

    /// The pages are written: the bar goes away.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    /// A render that stops on an error leaves no bar behind its message either.
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicatif::InMemoryTerm;

    fn term() -> InMemoryTerm {
        InMemoryTerm::new(4, 80)
    }

    #[test]
    fn a_render_shorter_than_the_delay_draws_nothing() {
        let term = term();
        let progress = Progress::to(ProgressDrawTarget::term_like(Box::new(term.clone())));
        progress.start(3, Lang::Sv);
        progress.tick();
        progress.tick();
        assert_eq!(term.contents(), "");
    }

    #[test]
    fn a_long_render_shows_the_count_in_the_users_language_and_clears_it_at_the_end() {
        let term = term();
        let progress = Progress::to(ProgressDrawTarget::term_like(Box::new(term.clone())));
        progress.start(4, Lang::Sv);
        progress.tick();
        std::thread::sleep(DELAY);
        progress.tick();
        progress.bar.as_ref().expect("a bar").tick();
        let shown = term.contents();
        assert!(shown.starts_with("Skriver webbplatsen [") && shown.ends_with("] 2/4 sidor"), "{shown:?}");
        progress.finish();
        assert_eq!(term.contents(), "");
        let english = super::tests::term();
        let progress = Progress::to(ProgressDrawTarget::term_like(Box::new(english.clone())));
        progress.start(1, Lang::En);
        std::thread::sleep(DELAY);
        progress.tick();
        progress.bar.as_ref().expect("a bar").tick();
        assert!(english.contents().ends_with("1/1 pages"), "{:?}", english.contents());
    }
}
