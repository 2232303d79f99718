//! Live reload: the script in served pages, and the requests it waits on.
//!
//! Every HTML page `plan serve` sends carries `<script src="/__plan/reload.js"
//! data-generation="…">` (put in by [`super::site`], never by `plan render`). The script
//! asks `/__plan/reload?since=GENERATION`; the answer comes at once when the served build
//! is another one, and otherwise when the next build is served or after
//! [`LONGEST_WAIT`]. A different generation in the answer reloads the page.
//!
//! A waiting request is parked here, not on a thread: one thread answers them all when a
//! build is published, so a hundred open pages cost no hundred threads, and a worker is
//! never blocked by a page that waits. At most [`MOST_PARKED`] wait at once; past that a
//! request is answered at once with the current generation (the script then asks again a
//! second later). A hidden tab stops asking, so open tabs in the background do not hold the
//! browser's few connections to the server.

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The reserved path the script asks.
pub const PATH: &str = "/__plan/reload";

/// The longest a request waits for a new build before it is answered anyway.
pub const LONGEST_WAIT: Duration = Duration::from_secs(25);

/// Most requests that wait at once.
pub const MOST_PARKED: usize = 64;

/// The script, served at [`super::site::RELOAD_SCRIPT`].
pub const SCRIPT: &str = r#"// plan serve: reloads the page when the preview has been built again.
// Only pages that `plan serve` sends carry it; `plan render` never writes it.
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script && script.getAttribute("data-generation");
  if (!mine) return;
  var running = false;
  var controller = null;
  function sleep(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }
  async function ask() {
    if (running) return;
    running = true;
    try {
      while (document.visibilityState !== "hidden") {
        controller = new AbortController();
        var asked = Date.now();
        try {
          var answer = await fetch("/__plan/reload?since=" + encodeURIComponent(mine),
            { cache: "no-store", signal: controller.signal });
          var served = (await answer.json()).generation;
          if (served !== mine) { location.reload(); return; }
          if (Date.now() - asked < 500) await sleep(1000);
        } catch (e) {
          if (!controller.signal.aborted) await sleep(1000);
        }
      }
    } finally {
      running = false;
      controller = null;
    }
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { if (controller) controller.abort(); } else { ask(); }
  });
  ask();
})();
"#;

/// The requests waiting for a new build, and the generation served now.
pub struct Reloads {
    state: Mutex<Parked>,
    wake: Condvar,
}

struct Parked {
    token: String,
    waiting: Vec<Waiting>,
    stopping: bool,
}

struct Waiting {
    request: tiny_http::Request,
    since: String,
    until: Instant,
}

impl Reloads {
    /// Reloads whose served generation is `token`.
    pub fn new(token: String) -> Reloads {
        Reloads { state: Mutex::new(Parked { token, waiting: Vec::new(), stopping: false }), wake: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Parked> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Says that the build `token` is served now: every waiting request is answered.
    pub fn publish(&self, token: &str) {
        self.lock().token = token.to_owned();
        self.wake.notify_all();
    }

    /// A request of the script, which has the generation `since`: answered now when another
    /// one is served (or too many wait), else parked until there is one.
    pub fn ask(&self, request: tiny_http::Request, since: &str) {
        let mut state = self.lock();
        if state.token != since || state.stopping || state.waiting.len() >= MOST_PARKED {
            let token = state.token.clone();
            drop(state);
            answer(request, &token);
            return;
        }
        let until = Instant::now() + LONGEST_WAIT;
        state.waiting.push(Waiting { request, since: since.to_owned(), until });
    }

    /// Answers every waiting request and ends [`Reloads::run`].
    pub fn stop(&self) {
        self.lock().stopping = true;
        self.wake.notify_all();
    }

    /// Answers waiting requests as builds are published or their wait runs out, until
    /// [`Reloads::stop`].
    pub fn run(&self) {
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            let token = state.token.clone();
            let stopping = state.stopping;
            let (due, kept): (Vec<Waiting>, Vec<Waiting>) =
                state.waiting.drain(..).partition(|w| stopping || w.since != token || w.until <= now);
            state.waiting = kept;
            if !due.is_empty() {
                drop(state);
                for w in due {
                    answer(w.request, &token);
                }
                state = self.lock();
                continue;
            }
            if stopping {
                return;
            }
            let next = state.waiting.iter().map(|w| w.until).min();
            let wait =
                next.map_or(Duration::from_secs(1), |t| t.saturating_duration_since(now)).min(Duration::from_secs(1));
            state = self.wake.wait_timeout(state, wait).map_or_else(|e| e.into_inner().0, |(s, _)| s);
        }
    }
}

/// The generation of a request's query (`since=…`), when it is one this server could have
/// made: a token is short and of letters, digits and `-`.
pub fn since(url: &str) -> &str {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let value = query.split('&').find_map(|pair| pair.strip_prefix("since=")).unwrap_or("");
    let fits = value.len() <= 64 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if fits { value } else { "" }
}

fn answer(request: tiny_http::Request, token: &str) {
    let body = format!("{{\"generation\":\"{token}\"}}\n");
    super::http::respond(request, 200, "application/json", body.into_bytes().into(), &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_token_like_since_is_taken() {
        assert_eq!(since("/__plan/reload?since=ab12-3"), "ab12-3");
        assert_eq!(since("/__plan/reload?x=1&since=ab12-3&y"), "ab12-3");
        assert_eq!(since("/__plan/reload?since=%3Cx%3E"), "");
        assert_eq!(since("/__plan/reload"), "");
    }
}
