//! `plan serve`: the site as `plan render` would publish it, served for a preview while the
//! plan is edited.
//!
//! The site is built in memory ([`site`]), with the pipeline of `plan render` and nothing
//! written anywhere: not into the repository, not into a temporary folder. It is served on
//! 127.0.0.1 unless `--bind` says otherwise ([`http`]), built again whenever a plan file,
//! `plan.toml` or a template changes ([`watch`]), and the open pages reload themselves when
//! a new build is served ([`reload`]). A plan with errors, or a build that fails, is served
//! as a page of its findings or its error for every path ([`findings`]), never as the site
//! of before.
//!
//! Threads: a few workers take requests from the server and answer them from the build in
//! memory; one thread answers the reload requests that wait; one watches and builds. Every
//! one of them looks at [`Options::stop`] at least every quarter of a second, so Ctrl-C
//! ends the preview at once (a build under way is left to the end of the process).

mod findings;
mod http;
mod reload;
mod site;
mod watch;

use crate::error::Error;
use crate::lang::Lang;
use crate::t;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The port tried first when none is given; the next [`PORTS_TRIED`]` - 1` are tried after it.
pub const DEFAULT_PORT: u16 = 8000;

/// How many ports from [`DEFAULT_PORT`] on are tried when none is given.
pub const PORTS_TRIED: u16 = 10;

/// How many threads answer requests.
const WORKERS: usize = 4;

/// How long the files must be still after a change before the site is built again: an
/// editor's save is often several events (a temporary file written, renamed, its mode set).
const QUIET: Duration = Duration::from_millis(150);

/// The longest a build waits for the files to be still.
const LONGEST_DELAY: Duration = Duration::from_secs(1);

/// How `plan serve` was asked to run.
pub struct Options {
    /// The repository folder.
    pub root: PathBuf,
    /// The check date as given (`--today`, `PLAN_TODAY`), else `today` in plan.toml, else today.
    pub today: Option<String>,
    /// The language of the site, its pages and messages.
    pub lang: Lang,
    /// The port; `None` tries [`DEFAULT_PORT`] and the next ones, `Some(0)` takes any free one.
    pub port: Option<u16>,
    /// The address to listen on.
    pub bind: IpAddr,
    /// Set to end the preview (by the Ctrl-C handler).
    pub stop: Arc<AtomicBool>,
    /// Where lines for the user go (the terminal).
    pub log: Arc<dyn Fn(&str) + Send + Sync>,
}

/// What the request threads share.
pub(crate) struct State {
    build: RwLock<Arc<site::Build>>,
    reloads: reload::Reloads,
    hosts: http::Hosts,
    lang: Lang,
}

impl State {
    /// The build served now.
    fn current(&self) -> Arc<site::Build> {
        self.build.read().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    /// Serves `build` from now on and tells the waiting pages.
    fn publish(&self, build: site::Build) {
        let token = build.token.clone();
        *self.build.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(build);
        self.reloads.publish(&token);
    }
}

/// A preview that is listening and has its first build, ready to [`Preview::run`].
pub struct Preview {
    server: Arc<tiny_http::Server>,
    state: Arc<State>,
    builder: site::Builder,
    watch: Option<watch::Watch>,
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// Whether to build once more at once.
    again: bool,
    url: String,
    options: Options,
}

/// Opens the port, makes the first build and says how it went; the preview is served once
/// [`Preview::run`] is called. A port that is taken, an address that is not this computer's,
/// or a folder that does not exist is an error.
pub fn start(options: Options) -> Result<Preview, Error> {
    let lang = options.lang;
    let root = std::fs::canonicalize(&options.root).map_err(|e| Error::io(&options.root, e))?;
    if !root.is_dir() {
        let r = options.root.display();
        return Err(Error::Repository(t!(lang, "{r} är ingen mapp", "{r} is not a folder")));
    }
    let listener = listen(options.bind, options.port, lang)?;
    let address = listener.local_addr().map_err(|e| Error::Usage(e.to_string()))?;
    if let Some(warning) = exposure_warning(options.bind, lang) {
        (options.log)(&warning);
    }
    // Watched from before the first build, so that no change after it is missed: one made
    // while it runs is built next.
    let (events, received) = std::sync::mpsc::channel();
    let mut watch = match watch::Watch::new(&root, events) {
        Ok(watch) => Some(watch),
        Err(e) => {
            (options.log)(&t!(
                lang,
                "varning: ändringar i filerna märks inte ({e}); starta om `plan serve` för att se dem",
                "warning: changes to the files will not be seen ({e}); restart `plan serve` to see them"
            ));
            None
        }
    };
    if let Some(watch) = &mut watch {
        report_watch(watch.update(&site::Inputs::read(&root, lang)).1, &*options.log, lang);
    }
    let mut builder = site::Builder::new(&root, options.today.clone(), lang);
    let (first, outcome) = build_caught(&mut builder, lang);
    (options.log)(&said(&outcome, lang, true));
    // A folder first watched now (`plans = [...]` names another) is read by the next build.
    let mut again = false;
    if let Some(watch) = &mut watch {
        let (added, problems) = watch.update(builder.inputs());
        report_watch(problems, &*options.log, lang);
        again = added;
    }
    let Some(first) = first else {
        return Err(Error::Output(
            lang.pick("den första byggningen gav ingenting", "the first build gave nothing").into(),
        ));
    };
    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| Error::Usage(e.to_string()))?;
    let state = Arc::new(State {
        reloads: reload::Reloads::new(first.token.clone()),
        build: RwLock::new(Arc::new(first)),
        hosts: http::Hosts::new(options.bind, address.port()),
        lang,
    });
    let url = url(options.bind, address);
    Ok(Preview { server: Arc::new(server), state, builder, watch, events: received, again, url, options })
}

impl Preview {
    /// The address of the preview's start page (`http://127.0.0.1:8000/`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Serves until [`Options::stop`] is set, rebuilding on every change; then answers the
    /// pages that wait and returns.
    pub fn run(self) -> Result<(), Error> {
        let Preview { server, state, builder, watch, events, again, options, .. } = self;
        let stop = options.stop.clone();
        let log = options.log.clone();
        let lang = options.lang;
        // The builder is left running when the preview ends: a build under way holds only
        // memory, which the end of the process frees.
        if let Some(watch) = watch {
            let (state, stop, log) = (state.clone(), stop.clone(), log.clone());
            let changes = Changes { events, again };
            std::thread::spawn(move || rebuild_on_change(builder, watch, changes, &state, &stop, &*log, lang));
        }
        let notifier = {
            let state = state.clone();
            std::thread::spawn(move || state.reloads.run())
        };
        let failed = Arc::new(std::sync::Mutex::new(None));
        let workers: Vec<_> = (0..WORKERS)
            .map(|_| {
                let (server, state, stop, failed) = (server.clone(), state.clone(), stop.clone(), failed.clone());
                std::thread::spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        match server.recv_timeout(Duration::from_millis(250)) {
                            Ok(Some(request)) => http::handle(&state, request),
                            Ok(None) => {}
                            Err(e) => {
                                *failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(e.to_string());
                                stop.store(true, Ordering::Relaxed);
                            }
                        }
                    }
                })
            })
            .collect();
        for worker in workers {
            let _ = worker.join();
        }
        state.reloads.stop();
        let _ = notifier.join();
        drop(server);
        log(lang.pick("förhandsvisningen avslutad", "preview stopped"));
        match failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take() {
            Some(e) => Err(Error::Output(t!(lang, "servern slutade svara: {e}", "the server stopped answering: {e}"))),
            None => Ok(()),
        }
    }
}

/// Opens the port: `port`, or with none the first free one of [`DEFAULT_PORT`] and the
/// next ones.
fn listen(bind: IpAddr, port: Option<u16>, lang: Lang) -> Result<TcpListener, Error> {
    let ports: Vec<u16> = match port {
        Some(p) => vec![p],
        None => (DEFAULT_PORT..DEFAULT_PORT + PORTS_TRIED).collect(),
    };
    for p in &ports {
        match TcpListener::bind((bind, *p)) {
            Ok(listener) => return Ok(listener),
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {}
            Err(e) => {
                let said = crate::lang::ui::io_error(lang, &e);
                return Err(Error::Usage(t!(
                    lang,
                    "kan inte lyssna på {bind} port {p}: {said}",
                    "cannot listen on {bind} port {p}: {said}"
                )));
            }
        }
    }
    Err(Error::Usage(match port {
        Some(p) => t!(
            lang,
            "port {p} används redan (kanske av en annan `plan serve`); välj en annan med --port, eller --port 0 för vilken ledig som helst",
            "port {p} is already in use (by another `plan serve`, perhaps); choose another with --port, or --port 0 for any free one"
        ),
        None => {
            let (first, last) = (DEFAULT_PORT, DEFAULT_PORT + PORTS_TRIED - 1);
            t!(
                lang,
                "portarna {first}–{last} används redan; välj en annan med --port, eller --port 0 för vilken ledig som helst",
                "the ports {first}–{last} are all in use; choose another with --port, or --port 0 for any free one"
            )
        }
    }))
}

/// The warning for an address other than this computer's own (loopback).
fn exposure_warning(bind: IpAddr, lang: Lang) -> Option<String> {
    (!bind.is_loopback()).then(|| {
        t!(
            lang,
            "varning: med --bind {bind} kan andra på nätverket se förhandsvisningen och hela planen i den, också det som inte är publicerat än; använd det bara på ett nätverk du litar på",
            "warning: with --bind {bind} others on the network can see the preview and the whole plan in it, unpublished changes too; use it only on a network you trust"
        )
    })
}

/// The address of the start page: the loopback address when the server listens on all.
fn url(bind: IpAddr, address: SocketAddr) -> String {
    let port = address.port();
    match bind {
        b if b.is_unspecified() => format!("http://127.0.0.1:{port}/"),
        IpAddr::V4(ip) => format!("http://{ip}:{port}/"),
        IpAddr::V6(ip) => format!("http://[{ip}]:{port}/"),
    }
}

/// A build, with a panic (a bug) turned into the error page instead of ending the preview.
fn build_caught(builder: &mut site::Builder, lang: Lang) -> (Option<site::Build>, site::Outcome) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| builder.build())) {
        Ok(built) => built,
        Err(panic) => {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let message = t!(lang, "internt fel i plan: {why}", "internal error in plan: {why}");
            builder.failed_build(&message)
        }
    }
}

/// What tells the builder to build again.
struct Changes {
    /// The watcher's events.
    events: std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
    /// Whether to build once at the start.
    again: bool,
}

/// Watches the files and builds again after each change, until `stop`.
fn rebuild_on_change(
    mut builder: site::Builder,
    mut watch: watch::Watch,
    changes: Changes,
    state: &State,
    stop: &AtomicBool,
    log: &(dyn Fn(&str) + Send + Sync),
    lang: Lang,
) {
    let root = builder.root().to_path_buf();
    let Changes { events, again } = changes;
    let mut changed: Option<(Instant, Instant)> = again.then(|| (Instant::now(), Instant::now()));
    let mut warned = false;
    while !stop.load(Ordering::Relaxed) {
        match events.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(event)) => {
                if watch::relevant(&root, builder.inputs(), &event) {
                    let now = Instant::now();
                    changed = Some((changed.map_or(now, |(first, _)| first), now));
                }
            }
            Ok(Err(e)) => {
                if !warned {
                    warned = true;
                    log(&t!(lang, "varning: bevakningen av filerna: {e}", "warning: watching the files: {e}"));
                }
                // What was missed is unknown: build again to be sure.
                let now = Instant::now();
                changed = Some((changed.map_or(now, |(first, _)| first), now));
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let Some((first, last)) = changed else { continue };
        if last.elapsed() < QUIET && first.elapsed() < LONGEST_DELAY {
            continue;
        }
        changed = None;
        let (built, outcome) = build_caught(&mut builder, lang);
        if stop.load(Ordering::Relaxed) {
            return;
        }
        if let Some(build) = built {
            log(&said(&outcome, lang, false));
            state.publish(build);
        }
        let (added, problems) = watch.update(builder.inputs());
        report_watch(problems, log, lang);
        if added {
            let now = Instant::now();
            changed = Some((now, now));
        }
    }
}

/// Tells the user of folders that could not be watched.
fn report_watch(problems: Vec<String>, log: &(dyn Fn(&str) + Send + Sync), lang: Lang) {
    for p in problems {
        log(&t!(lang, "varning: kan inte bevaka {p}", "warning: cannot watch {p}"));
    }
}

/// What the terminal is told about a build.
fn said(outcome: &site::Outcome, lang: Lang, first: bool) -> String {
    use crate::lang::ui;
    match outcome {
        site::Outcome::Site { files, warnings } => {
            let (f, w) = (ui::count(lang, *files, ui::FILES), ui::count(lang, *warnings, ui::WARNINGS));
            if first {
                t!(
                    lang,
                    "byggde webbplatsen: {f} ({w}; se `plan check`)",
                    "built the site: {f} ({w}; see `plan check`)"
                )
            } else {
                t!(lang, "byggde om webbplatsen: {f} ({w})", "rebuilt the site: {f} ({w})")
            }
        }
        site::Outcome::Findings { errors, warnings } => {
            let c = ui::counts(lang, *errors, *warnings);
            t!(
                lang,
                "planen har fel ({c}): sidorna visar fynden tills de är rättade",
                "the plan has errors ({c}): the pages show the findings until they are fixed"
            )
        }
        site::Outcome::Failed(message) => t!(
            lang,
            "webbplatsen kunde inte byggas: {message}; sidorna visar felet tills det är rättat",
            "the site could not be built: {message}; the pages show the error until it is fixed"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_other_than_loopback_is_warned_about() {
        for loopback in ["127.0.0.1", "127.0.0.2", "::1"] {
            assert_eq!(exposure_warning(loopback.parse().unwrap(), Lang::Sv), None, "{loopback}");
        }
        for exposed in ["0.0.0.0", "::", "192.168.1.5"] {
            let warning = exposure_warning(exposed.parse().unwrap(), Lang::En).expect("a warning");
            assert!(warning.contains(exposed) && warning.contains("network"), "{warning}");
        }
    }

    #[test]
    fn the_start_page_is_named_by_the_address_listened_on() {
        let at = |ip: &str| url(ip.parse().unwrap(), SocketAddr::new(ip.parse().unwrap(), 8000));
        assert_eq!(at("127.0.0.1"), "http://127.0.0.1:8000/");
        assert_eq!(at("::1"), "http://[::1]:8000/");
        assert_eq!(at("0.0.0.0"), "http://127.0.0.1:8000/");
    }
}
