//! The template engine: tera, with the default templates embedded in the binary and each
//! overridable by a file of the same name in the repository's `templates/` folder, as in
//! Zola. A user's folder may also add templates of its own (partials to include).
//!
//! Autoescaping is on for `.html` and `.md` templates, with the escape function of the
//! format being built ([`crate::escape::html`] or [`crate::escape::markdown`]), so every
//! `{{ value }}` is quoted for its output by construction: in HTML without control
//! characters, in Markdown as literal text. Link targets in the Markdown templates go
//! through the `md_href` filter, which keeps only relative, http(s) and mailto targets.
//! Plan content only ever reaches a template as data, never as template source, so `{{`
//! in a plan file is shown as it is. Markdown fields arrive already rendered and
//! sanitised ([`super::markdown`]) and are marked `| safe` in the templates.
//!
//! A user's templates come from the repository, perhaps from a stranger's pull request built
//! in CI, and tera is a language with loops, so rendering is bounded ([`Limits`]): one page
//! may not grow past 64 MiB nor the site past 4 GiB, one page may not take longer than 60 s
//! (`PLAN_TEMPLATE_TIMEOUT` seconds), and rendering may not take more than 2 GiB of memory
//! beyond what the plan already takes (`PLAN_TEMPLATE_MEMORY` MiB). Output is written
//! through a counting writer that refuses the byte past the limit and, once the time is up,
//! any byte at all, so a template that writes stops with an ordinary error (and the site is
//! not written). One that loops without writing, or builds ever larger values in variables,
//! cannot be interrupted inside tera; a watchdog thread ends the process, naming the
//! template. tera itself caps `range()` at 100,000 elements and the nesting of components
//! at 20.

use super::RenderError;
use super::paths::SiteFormat;
use crate::lang::Lang;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tera::{Context, Tera};

/// The default templates, by name.
pub const DEFAULTS: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("goal_area.html", include_str!("../../templates/goal_area.html")),
    ("direction.html", include_str!("../../templates/direction.html")),
    ("plans.html", include_str!("../../templates/plans.html")),
    ("action_plan.html", include_str!("../../templates/action_plan.html")),
    ("activity_plan.html", include_str!("../../templates/activity_plan.html")),
    ("activity.html", include_str!("../../templates/activity.html")),
    ("activity_list.html", include_str!("../../templates/activity_list.html")),
    ("organisations.html", include_str!("../../templates/organisations.html")),
    ("organisation.html", include_str!("../../templates/organisation.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("coverage.html", include_str!("../../templates/coverage.html")),
    ("follow_up.html", include_str!("../../templates/follow_up.html")),
    ("accessibility.html", include_str!("../../templates/accessibility.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("source.html", include_str!("../../templates/source.html")),
    ("county_coverage.html", include_str!("../../templates/county_coverage.html")),
    ("style.css", include_str!("../../templates/style.css")),
    ("search.html", include_str!("../../templates/search.html")),
    ("search.js", include_str!("../../templates/search.js")),
    ("tables.js", include_str!("../../templates/tables.js")),
    ("report.html", include_str!("../../templates/report.html")),
    ("changes.html", include_str!("../../templates/changes.html")),
    ("decision.html", include_str!("../../templates/decision.html")),
    ("macros.md", include_str!("../../templates/macros.md")),
    ("footer.md", include_str!("../../templates/footer.md")),
    ("index.md", include_str!("../../templates/index.md")),
    ("goal_area.md", include_str!("../../templates/goal_area.md")),
    ("direction.md", include_str!("../../templates/direction.md")),
    ("plans.md", include_str!("../../templates/plans.md")),
    ("action_plan.md", include_str!("../../templates/action_plan.md")),
    ("activity_plan.md", include_str!("../../templates/activity_plan.md")),
    ("activity.md", include_str!("../../templates/activity.md")),
    ("activity_list.md", include_str!("../../templates/activity_list.md")),
    ("organisations.md", include_str!("../../templates/organisations.md")),
    ("organisation.md", include_str!("../../templates/organisation.md")),
    ("topic.md", include_str!("../../templates/topic.md")),
    ("coverage.md", include_str!("../../templates/coverage.md")),
    ("follow_up.md", include_str!("../../templates/follow_up.md")),
    ("accessibility.md", include_str!("../../templates/accessibility.md")),
    ("sources.md", include_str!("../../templates/sources.md")),
    ("source.md", include_str!("../../templates/source.md")),
    ("county_coverage.md", include_str!("../../templates/county_coverage.md")),
    ("changes.md", include_str!("../../templates/changes.md")),
    ("decision.md", include_str!("../../templates/decision.md")),
];

/// Largest template file read from a user's folder.
const MAX_TEMPLATE_BYTES: u64 = 1024 * 1024;

/// How far rendering may go with the templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest page, in bytes.
    pub page_bytes: u64,
    /// Largest site (all pages together), in bytes.
    pub site_bytes: u64,
    /// Longest time one page may take to render.
    pub time: Duration,
    /// How much more memory than before the pages may take while they are rendered, in
    /// bytes (only where the binary counts memory, [`crate::memory`]).
    pub memory_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            page_bytes: 64 * 1024 * 1024,
            site_bytes: 4 * 1024 * 1024 * 1024,
            time: Duration::from_secs(60),
            memory_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The defaults, with the time from `PLAN_TEMPLATE_TIMEOUT` (whole seconds) and the
    /// memory from `PLAN_TEMPLATE_MEMORY` (whole MiB) where they are set.
    pub fn from_env(lang: Lang) -> Result<Limits, RenderError> {
        let mut limits = Limits::default();
        if let Some(seconds) = positive("PLAN_TEMPLATE_TIMEOUT", lang)? {
            limits.time = Duration::from_secs(seconds);
        }
        if let Some(mib) = positive("PLAN_TEMPLATE_MEMORY", lang)? {
            limits.memory_bytes = mib.saturating_mul(1024 * 1024);
        }
        Ok(limits)
    }
}

/// A whole number above 0 from an environment variable, if it is set.
fn positive(var: &str, lang: Lang) -> Result<Option<u64>, RenderError> {
    let Ok(text) = std::env::var(var) else { return Ok(None) };
    let number = text.trim().parse::<u64>().ok().filter(|&n| n > 0);
    number.map(Some).ok_or_else(|| {
        RenderError::Template(crate::t!(
            lang,
            "{var} ska vara ett heltal större än 0, inte `{text}`",
            "{var} must be a whole number above 0, not `{text}`"
        ))
    })
}

/// Templates ready to render pages of one format.
pub struct Engine {
    tera: Tera,
    extension: &'static str,
    lang: Lang,
    limits: Limits,
    /// Bytes rendered so far, all pages together.
    written: AtomicU64,
    /// The renders under way, by thread: the template and when it started.
    running: Mutex<HashMap<std::thread::ThreadId, Running>>,
}

/// Why a render was stopped by its writer.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Size,
    Time,
}

/// A render under way, as the watchdog sees it.
struct Running {
    template: String,
    started: Instant,
    /// Set by the watchdog when the time is up; the page's writer then refuses to write.
    late: Arc<AtomicBool>,
}

/// The page being rendered, refusing to grow past its limit or once its time is up (the
/// watchdog says so: reading the clock at every write cost a third of a render).
struct Bounded {
    out: Vec<u8>,
    limit: u64,
    late: Arc<AtomicBool>,
    stopped: Option<Stop>,
}

impl Bounded {
    #[inline]
    fn take(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if self.out.len() as u64 + buf.len() as u64 > self.limit {
            self.stopped = Some(Stop::Size);
            return Err(std::io::Error::other("page too large"));
        }
        if self.late.load(Ordering::Relaxed) {
            self.stopped = Some(Stop::Time);
            return Err(std::io::Error::other("time is up"));
        }
        self.out.extend_from_slice(buf);
        Ok(())
    }
}

impl std::io::Write for Bounded {
    #[inline]
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.take(buf).map(|()| buf.len())
    }

    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.take(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Takes a render off the watchdog's list when it ends, however it ends.
struct Registered<'e>(&'e Engine);

impl Drop for Registered<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.0.running.lock() {
            running.remove(&std::thread::current().id());
        }
    }
}

impl Engine {
    /// The defaults, with every template in `user_dir` added over them by name.
    pub fn new(format: SiteFormat, user_dir: Option<&Path>, lang: Lang) -> Result<Engine, RenderError> {
        Engine::with_limits(format, user_dir, lang, Limits::from_env(lang)?)
    }

    /// Like [`Engine::new`], with these limits.
    pub fn with_limits(
        format: SiteFormat,
        user_dir: Option<&Path>,
        lang: Lang,
        limits: Limits,
    ) -> Result<Engine, RenderError> {
        let mut templates: Vec<(String, String)> =
            DEFAULTS.iter().map(|(n, t)| ((*n).to_owned(), (*t).to_owned())).collect();
        if let Some(dir) = user_dir.filter(|d| d.is_dir()) {
            for (name, text) in read_user_templates(dir, lang)? {
                match templates.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => templates.push((name, text)),
                }
            }
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".md"]);
        tera.set_escape_fn(match format {
            SiteFormat::Html => crate::escape::html,
            SiteFormat::Markdown => crate::escape::markdown,
        });
        tera.register_filter("md_href", md_href);
        tera.add_raw_templates(templates).map_err(|e| RenderError::Template(describe(&e)))?;
        // The interface words are the same on every page: set them once, not per page.
        tera.global_context().insert("labels", &super::labels::labels(lang));
        Ok(Engine {
            tera,
            extension: format.extension(),
            lang,
            limits,
            written: AtomicU64::new(0),
            running: Mutex::new(HashMap::new()),
        })
    }

    /// Renders a page template (`goal_area`, without extension) or a named file
    /// (`style.css`), within the [`Limits`].
    pub fn render(&self, template: &str, context: &Context) -> Result<String, RenderError> {
        let name = if template.contains('.') { template.to_owned() } else { format!("{template}.{}", self.extension) };
        let late = Arc::new(AtomicBool::new(false));
        if let Ok(mut running) = self.running.lock() {
            let entry = Running { template: name.clone(), started: Instant::now(), late: Arc::clone(&late) };
            running.insert(std::thread::current().id(), entry);
        }
        let _registered = Registered(self);
        let mut page =
            Bounded { out: Vec::with_capacity(16 * 1024), limit: self.limits.page_bytes, late, stopped: None };
        let result = self.tera.render_to(&name, context, &mut page);
        let lang = self.lang;
        match (result, page.stopped) {
            (Err(_), Some(Stop::Size)) => {
                let mib = self.limits.page_bytes / (1024 * 1024);
                return Err(RenderError::Template(crate::t!(
                    lang,
                    "{name}: sidan blev större än {mib} MiB; mallen slutar inte skriva (en loop?)",
                    "{name}: the page grew past {mib} MiB; the template does not stop writing (a loop?)"
                )));
            }
            (Err(_), Some(Stop::Time)) => return Err(self.timed_out(&name)),
            (Err(e), None) => return Err(RenderError::Template(format!("{name}: {}", describe(&e)))),
            (Ok(()), _) => {}
        }
        let total = self.written.fetch_add(page.out.len() as u64, Ordering::Relaxed) + page.out.len() as u64;
        if total > self.limits.site_bytes {
            let gib = self.limits.site_bytes / (1024 * 1024 * 1024);
            return Err(RenderError::Template(crate::t!(
                lang,
                "{name}: webbplatsen blev större än {gib} GiB",
                "{name}: the site grew past {gib} GiB"
            )));
        }
        String::from_utf8(page.out).map_err(|e| RenderError::Template(format!("{name}: {e}")))
    }

    /// The error for a template that took longer than the limit.
    fn timed_out(&self, name: &str) -> RenderError {
        let seconds = self.limits.time.as_secs();
        RenderError::Template(crate::t!(
            self.lang,
            "{name}: mallen tog längre tid än {seconds} s för en sida och avbröts (en loop?); ange en annan gräns i sekunder med PLAN_TEMPLATE_TIMEOUT",
            "{name}: the template took longer than {seconds} s for one page and was stopped (a loop?); set another limit in seconds with PLAN_TEMPLATE_TIMEOUT"
        ))
    }

    /// Runs `work` with a watchdog beside it that ends the process, with an error naming the
    /// template, when a render is still running a second after its time is up, or when the
    /// memory in use has grown by more than [`Limits::memory_bytes`] since `work` began
    /// (looked at every 50 ms). A template that loops without writing, or builds ever larger
    /// values, cannot be stopped any other way, since tera has no way to interrupt a render.
    /// The process then leaves the half-written temporary site folder (`.<out>.tmp-*`)
    /// beside the output; the previous site is untouched.
    pub fn watched<T>(&self, work: impl FnOnce() -> T) -> T {
        let (stop, stopped) = std::sync::mpsc::channel::<()>();
        let baseline = crate::memory::live_bytes();
        std::thread::scope(|scope| {
            scope.spawn(move || {
                let grace = self.limits.time + Duration::from_secs(1);
                loop {
                    match stopped.recv_timeout(Duration::from_millis(50)) {
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                        _ => return,
                    }
                    let grown = baseline.zip(crate::memory::live_bytes()).map(|(b, now)| now.saturating_sub(b));
                    if grown.is_some_and(|g| g > self.limits.memory_bytes) {
                        self.abort(&self.out_of_memory());
                    }
                    let mut stuck = None;
                    if let Ok(running) = self.running.lock() {
                        for render in running.values() {
                            let took = render.started.elapsed();
                            if took > self.limits.time {
                                render.late.store(true, Ordering::Relaxed);
                            }
                            if took > grace {
                                stuck = Some(render.template.clone());
                            }
                        }
                    }
                    if let Some(name) = stuck {
                        self.abort(&self.timed_out(&name));
                    }
                }
            });
            let result = work();
            let _ = stop.send(());
            result
        })
    }

    /// The error for templates that took too much memory: the ones running at the time.
    fn out_of_memory(&self) -> RenderError {
        let mut names: Vec<String> =
            self.running.lock().map(|r| r.values().map(|r| r.template.clone()).collect()).unwrap_or_default();
        names.sort();
        names.dedup();
        let names = names.join(", ");
        let mib = self.limits.memory_bytes / (1024 * 1024);
        RenderError::Template(crate::t!(
            self.lang,
            "{names}: mallen tog mer än {mib} MiB minne och avbröts (en loop som bygger en allt längre text?); ange en annan gräns i MiB med PLAN_TEMPLATE_MEMORY",
            "{names}: the template took more than {mib} MiB of memory and was stopped (a loop that builds an ever longer text?); set another limit in MiB with PLAN_TEMPLATE_MEMORY"
        ))
    }

    /// Ends the process for a template that will not stop. The library prints nothing
    /// otherwise; here nothing can return to the caller, whose thread is the one looping.
    fn abort(&self, error: &RenderError) -> ! {
        use std::io::Write as _;
        let message = format!("{}: {error}\n", crate::lang::ui::error_prefix(self.lang));
        let _ = std::io::stderr().write_all(message.as_bytes());
        std::process::exit(2)
    }
}

/// The `md_href` filter: a link target for a Markdown template, percent-encoded where it
/// could end the link, and `#` for a target that is not relative, http(s) or mailto.
fn md_href(url: std::borrow::Cow<'_, str>, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    tera::Value::safe_string(&crate::escape::markdown_href(&url).unwrap_or_else(|| "#".to_owned()))
}

/// A template context from any serializable map or struct.
pub fn context(value: &impl serde::Serialize) -> Result<Context, RenderError> {
    Context::from_serialize(value).map_err(|e| RenderError::Template(describe(&e)))
}

/// Every `*.html`, `*.md`, `*.css` and `*.js` file directly in the user's folder, by name.
fn read_user_templates(dir: &Path, lang: Lang) -> Result<Vec<(String, String)>, RenderError> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| RenderError::Template(format!("{}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        let wanted = [".html", ".md", ".css", ".js"].iter().any(|ext| name.ends_with(ext));
        // A folder named like a template is not one; a link or a pipe is refused when read.
        if !wanted || entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let text = crate::files::read::text(&path, MAX_TEMPLATE_BYTES)
            .map_err(|e| RenderError::Template(format!("{}: {}", path.display(), e.message(lang))))?;
        out.push((name, text));
    }
    out.sort();
    Ok(out)
}

/// A tera error with its causes, on one line.
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
