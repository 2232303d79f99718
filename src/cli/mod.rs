//! Command-line interface: parse arguments, resolve settings, call the library, print, and
//! map the outcome to an exit code (0 clean, 1 findings that fail, 2 usage or I/O error).
//!
//! Settings resolve in one order everywhere: flag, then environment (`PLAN_TODAY`,
//! `PLAN_LANG`), then `plan.toml`, then the default.
//!
//! The help, clap's errors, the man page and the completion scripts are in the user's
//! language too. clap makes them from the command, so the language is found before clap
//! parses anything (`--lang`, else `PLAN_LANG`, else Swedish) and the command is built in
//! it: [`sv`] holds the Swedish help and [`errors`] writes clap's errors in Swedish.

mod errors;
mod sv;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use plan::check::Checked;
use plan::config::parse_today;
use plan::diff::report::DiffFormat;
use plan::error::Error;
use plan::followup::{ReportFormat, ReportOptions, Tertial};
use plan::lang::{Lang, ui};
use plan::list::{Filters, ListFormat, ListKind};
use plan::render::SiteFormat;
use plan::report::{Format, github, gitlab, human, json, markdown, sarif};
use plan::run::Repository;
use plan::table::TableKind;
use plan::table::export::{ExportFormat, Exported};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Keep a health-and-care strategy as YAML in git, and check that all work traces to it.
#[derive(Debug, Parser)]
#[command(name = "plan", version, about, long_about = None)]
struct Cli {
    /// Language of messages: sv (default) or en.
    #[arg(long, global = true, env = "PLAN_LANG", value_parser = parse_lang)]
    lang: Option<Lang>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check the plan files and report every finding.
    Check(CheckArgs),
    /// Check the plan and publish it as a website (HTML) or as Markdown files.
    Render(RenderArgs),
    /// Preview the site while you edit: build it in memory, serve it on this computer
    /// (http://127.0.0.1:8000/) and build it again, reloading the open pages, whenever a plan
    /// file, plan.toml or a template changes.
    Serve(ServeArgs),
    /// Show what a change does to the plan between two git revisions.
    Diff(DiffArgs),
    /// Write the yearly follow-up report: per plan and målområde, status, overdue work, gaps, indicators.
    Report(ReportArgs),
    /// Import activities from a spreadsheet (.xlsx, .csv) into an aktivitetsplan, or
    /// indicator values from a downloaded Kolada response (`--kolada FILE.json`).
    Import(ImportArgs),
    /// Add to the plan: `plan new activity --plan ID` appends a skeleton activity,
    /// `plan new aktivitetsplan --from ID --year YEAR` starts next year's plan.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Print the JSON Schema of plan files, for editors (completion, hover help, validation).
    Schema,
    /// Explain a rule (`plan explain P004`, `plan explain okänd-referens`), or list them all.
    Explain {
        /// A rule code or name; without it, every rule is listed.
        rule: Option<String>,
    },
    /// Export activities (and optionally directions, organisations, indicators) as flat
    /// tables: CSV, an Excel workbook, or JSON.
    Export(ExportArgs),
    /// List activities, directions or organisations, filtered.
    List(ListArgs),
    /// Create a new plan repository: plan.toml, the county plan, the organisations, and a
    /// municipality's own local plan and first aktivitetsplan (`--kommun`) or an example.
    Init {
        /// The folder to create it in [default: the current folder].
        dir: Option<PathBuf>,

        /// The municipality whose repository it is: its name or kommunkod (`Nacka`, `0182`)
        /// [default: asked on a terminal, else a neutral example].
        #[arg(long = "municipality", visible_alias = "kommun", value_name = "NAME|CODE")]
        kommun: Option<String>,

        /// A stadsdelsförvaltning of the municipality whose repository it is (`Skärholmen`).
        #[arg(long = "district", visible_alias = "stadsdel", value_name = "NAME", requires = "kommun")]
        stadsdel: Option<String>,

        /// The city's own repository, whose plan the district's follows (its plans are copied
        /// in) [default: the district's plan follows the county plan].
        #[arg(long = "follows", visible_alias = "foljer", value_name = "DIR", requires = "stadsdel")]
        foljer: Option<PathBuf>,
    },
    /// Keep the copy of the county plan as the county decided it: `plan county update`
    /// writes the decided text to the copy and pins its version in plan.toml.
    County {
        #[command(subcommand)]
        what: CountyCommand,
    },
    /// Kolada, which `plan` never reaches itself: `plan kolada urls` prints the API addresses
    /// whose responses `plan import --kolada` fills the indicators from.
    Kolada {
        #[command(subcommand)]
        what: KoladaCommand,
    },
    /// Run the language server for editors (LSP over stdin and stdout): findings as you
    /// type, completion of ids, hover, go to definition, references and rename.
    Lsp,
    /// Print a shell completion script (`plan completions bash > ~/.local/share/bash-completion/completions/plan`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (`plan man > plan.1`).
    Man,
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum)]
    format: ExportFormat,

    /// Output file, or folder for several CSV tables [default: stdout for CSV and JSON].
    #[arg(long, value_name = "FILE|DIR")]
    out: Option<PathBuf>,

    /// A table to export; repeat for several [default: aktiviteter, in xlsx also uppföljningar].
    #[arg(long, value_enum)]
    table: Vec<TableKind>,

    /// Export all five tables.
    #[arg(long, conflicts_with = "table")]
    all: bool,

    /// Export a plan that has errors too, with its findings in a table of their own (`fynd`).
    #[arg(long)]
    partial: bool,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// What to list.
    #[arg(value_enum)]
    kind: ListKind,

    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// Only activities owned (`ansvarig`) by this organisation or one of its parts (`del_av`):
    /// an id or its exact name.
    #[arg(long, value_name = "ORG", visible_alias = "ansvarig", value_hint = clap::ValueHint::Other)]
    owner: Option<String>,

    /// Only activities with this current status: a status of the format, a word of
    /// plan.toml's `[import.status]`, or a common synonym (`pågår`).
    #[arg(long, value_name = "STATUS", value_parser = StatusWord)]
    status: Option<String>,

    /// Only activities in aktivitetsplaner of this year.
    #[arg(long, value_name = "YEAR")]
    year: Option<i32>,

    /// Only activities that trace to this strategic direction, directly or through an utvecklingsområde.
    #[arg(long, value_name = "ID", visible_alias = "inriktning", value_hint = clap::ValueHint::Other)]
    direction: Option<String>,

    /// Only activities that trace to a strategic direction of this målområde; for
    /// directions, those of the målområde.
    #[arg(long = "goal-area", value_name = "ID", visible_alias = "malomrade", alias = "målområde", value_hint = clap::ValueHint::Other)]
    goal_area: Option<String>,

    /// Only activities of this aktivitetsplan or handlingsplan; for directions, those of this
    /// handlingsplan and the plans it follows.
    #[arg(long, value_name = "ID", value_hint = clap::ValueHint::Other)]
    plan: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,

    /// Make findings of this severity fail the check too (only `warnings`).
    #[arg(long, value_parser = ["warnings"])]
    deny: Vec<String>,

    /// Report only findings in plan files that differ from this git revision (the whole
    /// repository is still loaded, since references cross files).
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

#[derive(Debug, clap::Args)]
struct DiffArgs {
    /// The revision before the change [default: the merge base of HEAD with the default branch].
    base: Option<String>,

    /// The revision after the change [default: the working tree].
    head: Option<String>,

    /// The repository folder [default: the nearest folder with a plan.toml, else the current
    /// one]. The last word is the folder when it names one; `plan diff main` compares with `main`.
    path: Option<String>,

    /// The revision before the change, named as a flag (never taken for a folder).
    #[arg(long = "base", value_name = "REV")]
    base_flag: Option<String>,

    /// The revision after the change, named as a flag.
    #[arg(long = "head", value_name = "REV")]
    head_flag: Option<String>,

    /// The repository folder (the older spelling of PATH).
    #[arg(long = "path", value_name = "DIR", hide = true)]
    path_flag: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,

    /// Exit with 1 when the change introduces errors.
    #[arg(long)]
    fail_on_new_errors: bool,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// Output folder [default: public/ in the repository].
    #[arg(long)]
    out: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = SiteFormat::Html)]
    format: SiteFormat,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,

    /// Replace the contents of a non-empty output folder that `plan render` did not create.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct ServeArgs {
    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// The port [default: 8000, or the next free one up to 8009]; 0 takes any free port.
    #[arg(long)]
    port: Option<u16>,

    /// The address to listen on [default: 127.0.0.1, this computer only]; any other makes
    /// the preview visible on the network.
    #[arg(long, value_name = "ADDR")]
    bind: Option<std::net::IpAddr>,

    /// Open the preview in the web browser.
    #[arg(long)]
    open: bool,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// The year [default: the check date's year].
    #[arg(long, value_parser = clap::value_parser!(i32).range(1000..=9999))]
    year: Option<i32>,

    /// Only this handlingsplan and its own aktivitetsplaner.
    #[arg(long, value_name = "ID")]
    plan: Option<String>,

    /// The part of the year: t1 (January–April), t2 (January–August) or helår.
    #[arg(long, default_value = "helår", value_parser = parse_tertial)]
    period: Tertial,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    format: ReportFormat,

    /// Write the report to this file (atomically) instead of stdout.
    #[arg(long)]
    out: Option<PathBuf>,

    /// The check date, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The spreadsheet to import (.xlsx or .csv); with --kolada, the repository folder.
    file: Option<PathBuf>,

    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// The aktivitetsplan file to update or create.
    #[arg(long, value_name = "PLANFILE", required_unless_present = "kolada", conflicts_with = "kolada")]
    into: Option<PathBuf>,

    /// Import indicator values from a Kolada API (v3) data response saved as JSON.
    #[arg(long, value_name = "FILE.json")]
    kolada: Option<PathBuf>,

    /// The sheet to read from an .xlsx file [default: `aktiviteter`, else the first].
    #[arg(long, conflicts_with = "kolada")]
    sheet: Option<String>,

    /// Write changes to an existing file (with --kolada: replace values that differ).
    #[arg(long)]
    force: bool,

    /// Import the rows that can be imported when others fail.
    #[arg(long, conflicts_with = "kolada")]
    partial: bool,

    /// For a new file: the aktivitetsplan's id [default: the table's `aktivitetsplan` column].
    #[arg(long, value_name = "ID")]
    plan_id: Option<String>,

    /// For a new file: its handlingsplan [default: the table's `handlingsplan` column].
    #[arg(long, value_name = "ID", visible_alias = "handlingsplan")]
    action_plan: Option<String>,

    /// For a new file: its year [default: the table's `år` column].
    #[arg(long)]
    year: Option<i32>,

    /// The date of the follow-up in rows with a follow-up status or comment but no
    /// `uppföljning datum` (a sheet with one status column per tertial), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "kolada")]
    follow_up_date: Option<String>,

    /// The check date for the check after writing, YYYY-MM-DD [default: `today` in plan.toml, else today].
    #[arg(long, env = "PLAN_TODAY")]
    today: Option<String>,
}

fn parse_tertial(s: &str) -> Result<Tertial, String> {
    s.parse()
}

/// The language asked for on the command line (`--lang X`, `--lang=X`) or in `PLAN_LANG`,
/// found before clap parses, since clap's help and errors are made in it. A value that is no
/// language is left for clap to refuse.
fn chosen_lang(args: &[std::ffi::OsString]) -> Lang {
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    let mut flag = None;
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            flag = words.next().map(|w| w.into_owned());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            flag = Some(value.to_owned());
        }
    }
    let env = || std::env::var("PLAN_LANG").ok().filter(|v| !v.is_empty());
    flag.or_else(env).and_then(|v| v.parse().ok()).unwrap_or_default()
}

/// The command line in `lang`: its help in that language, and value checks that say what
/// is wrong in it.
fn command(lang: Lang) -> clap::Command {
    let year = move |s: &str| {
        s.trim().parse::<i32>().ok().filter(|y| (1000..=9999).contains(y)).ok_or_else(|| {
            plan::t!(
                lang,
                "ett år skrivs med fyra siffror, till exempel 2025",
                "a year is written with four digits, for example 2025"
            )
        })
    };
    let language = move |s: &str| {
        s.parse::<Lang>()
            .map_err(|_| plan::t!(lang, "skriv sv (svenska) eller en (engelska)", "write sv (Swedish) or en (English)"))
    };
    let period = move |s: &str| {
        s.parse::<Tertial>().map_err(|_| plan::t!(lang, "skriv t1, t2 eller helår", "write t1, t2 or helår"))
    };
    let port = move |s: &str| {
        s.trim().parse::<u16>().map_err(|_| {
            plan::t!(
                lang,
                "en port är ett heltal från 0 till 65535 (0: vilken ledig port som helst)",
                "a port is a whole number from 0 to 65535 (0: any free port)"
            )
        })
    };
    let address = move |s: &str| {
        s.trim().parse::<std::net::IpAddr>().map_err(|_| {
            plan::t!(
                lang,
                "skriv en IP-adress, till exempel 127.0.0.1 eller ::1",
                "write an IP address, such as 127.0.0.1 or ::1"
            )
        })
    };
    let mut cmd = Cli::command().mut_arg("lang", |a| a.value_parser(language));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    // Every command is taken out and put back, in its order, so the man page keeps it.
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut c| {
            if c.get_arguments().any(|a| a.get_id() == "year") {
                c = c.mut_arg("year", |a| a.value_parser(year));
            }
            if c.get_arguments().any(|a| a.get_id() == "period") {
                c = c.mut_arg("period", |a| a.value_parser(period));
            }
            if c.get_arguments().any(|a| a.get_id() == "port") {
                c = c.mut_arg("port", |a| a.value_parser(port));
            }
            if c.get_arguments().any(|a| a.get_id() == "bind") {
                c = c.mut_arg("bind", |a| a.value_parser(address));
            }
            c
        });
    }
    // The one year of a command below a command.
    cmd = cmd
        .mut_subcommand("new", |c| c.mut_subcommand("aktivitetsplan", |c| c.mut_arg("year", |a| a.value_parser(year))));
    match lang {
        Lang::Sv => sv::localize(cmd),
        Lang::En => cmd,
    }
}

/// Text clap made (help, usage, the man page, completion scripts), in `lang`.
fn clap_text(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Sv => sv::clap_words(text),
        Lang::En => text.to_owned(),
    }
}

/// Prints what clap stopped with: help or the version on stdout, an error on stderr (in
/// Swedish, written by [`errors`]); returns the exit code.
fn clap_stopped(e: &clap::Error, lang: Lang) -> ExitCode {
    use clap::error::ErrorKind;
    let shows = matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    let text = if shows || lang == Lang::En {
        let terminal = if e.use_stderr() { std::io::stderr().is_terminal() } else { std::io::stdout().is_terminal() };
        let rendered = e.render();
        clap_text(&if colour(terminal) { rendered.ansi().to_string() } else { rendered.to_string() }, lang)
    } else {
        errors::swedish(e)
    };
    if e.use_stderr() {
        eprint!("{text}");
        ExitCode::from(2)
    } else {
        let _ = print(&text);
        ExitCode::SUCCESS
    }
}

#[derive(Debug, Subcommand)]
enum CountyCommand {
    /// Write the county's decided text (the newest version this plan carries) to the
    /// repository's copy of the county plan, and pin that version in plan.toml.
    Update {
        /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum KoladaCommand {
    /// Print the Kolada API address for each KPI and municipality code of the repository's
    /// indicators, one a line, to open in a browser or download and import.
    Urls {
        /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
        path: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum NewCommand {
    /// Append a skeleton activity with the next free id to an aktivitetsplan.
    Activity(NewActivityArgs),
    /// Start next year's aktivitetsplan with every unfinished activity of a year carried over.
    #[command(name = "aktivitetsplan", visible_alias = "activity-plan")]
    ActivityPlan(NewActivityPlanArgs),
}

#[derive(Debug, clap::Args)]
struct NewActivityPlanArgs {
    /// The aktivitetsplan whose unfinished activities (not `klar`, not `avbruten`) are carried over.
    #[arg(long, value_name = "ID", visible_alias = "från")]
    from: String,

    /// The new plan's year.
    #[arg(long, value_name = "YEAR", visible_alias = "år")]
    year: i32,

    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// The new plan's id [default: the old id with the new year, `lan-2024` → `lan-2025`].
    #[arg(long, value_name = "ID")]
    id: Option<String>,

    /// The file to write [default: beside the old plan, its name with the new year].
    #[arg(long, value_name = "FILE")]
    into: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct NewActivityArgs {
    /// The aktivitetsplan's id.
    #[arg(long, value_name = "ID")]
    plan: String,

    /// The repository folder [default: the nearest folder with a plan.toml, else the current one].
    path: Option<PathBuf>,

    /// The activity's title (`titel`).
    #[arg(long, visible_alias = "titel")]
    title: Option<String>,

    /// The responsible organisation's id (`ansvarig`).
    #[arg(long, value_name = "ORG", visible_alias = "ansvarig")]
    owner: Option<String>,

    /// A strategic direction the activity traces to (`inriktningar`; repeatable).
    #[arg(long, value_name = "ID", visible_alias = "inriktning")]
    direction: Vec<String>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = chosen_lang(&args);
    let cli = match command(lang).try_get_matches_from(&args).and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return clap_stopped(&e, lang),
    };
    let lang = cli.lang.unwrap_or(lang);
    let result = match cli.command {
        Command::Check(args) => run_check(args, lang),
        Command::Render(args) => run_render(args, lang),
        Command::Serve(args) => run_serve(args, lang),
        Command::Diff(args) => run_diff(args, lang),
        Command::Report(args) => run_report(args, lang),
        Command::Explain { rule } => plan::run::explain(rule.as_deref(), lang).and_then(|t| print(&t)).map(done),
        Command::Import(args) => run_import(args, lang),
        Command::New { what: NewCommand::Activity(args) } => run_new_activity(args, lang),
        Command::New { what: NewCommand::ActivityPlan(args) } => run_new_activity_plan(args, lang),
        Command::Schema => print(&plan::model::schema::json_text()).map(done),
        Command::Export(args) => run_export(args, lang),
        Command::List(args) => run_list(args, lang),
        Command::Init { dir, kommun, stadsdel, foljer } => run_init(dir, kommun, stadsdel, foljer, lang),
        Command::County { what: CountyCommand::Update { path } } => Repository::open(path.as_deref(), None, lang)
            .and_then(|repo| {
                let _lock = repo.lock_for_editing()?;
                finish(plan::init::county::update(&repo)?)
            }),
        Command::Kolada { what: KoladaCommand::Urls { path } } => run_kolada_urls(path, lang),
        Command::Lsp => plan::lsp::run(lang).map_err(Error::Output).map(done),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut command(lang), "plan", &mut out);
            print(&clap_text(&String::from_utf8_lossy(&out), lang)).map(done)
        }
        Command::Man => man_page(lang)
            .map_err(|e| Error::Output(e.to_string()))
            .and_then(|out| print(&clap_text(&String::from_utf8_lossy(&out), lang)))
            .map(done),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // A plan with errors: its findings first, as `plan check` shows them.
            if let Error::PlanHasErrors { checked, .. } = &error {
                eprint!("{}", human_report(checked, lang, std::io::stderr().is_terminal()));
            }
            eprintln!("{}: {}", ui::error_prefix(lang), plan::escape::Terminal(&error.message(lang)));
            ExitCode::from(error.exit_code())
        }
    }
}

/// The exit code of a command that did its job.
fn done(_: ()) -> ExitCode {
    ExitCode::SUCCESS
}

/// The human report, in colour only on a terminal and never under `NO_COLOR`.
fn human_report(checked: &Checked, lang: Lang, terminal: bool) -> String {
    human_text(&checked.diagnostics, &checked.plan.sources, checked.summary, lang, terminal)
}

/// Whether output to a terminal (or not) is coloured: not when `NO_COLOR` is set.
fn colour(terminal: bool) -> bool {
    terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn human_text(
    diagnostics: &[plan::diagnostic::Diagnostic],
    sources: &plan::source::Sources,
    summary: plan::check::Summary,
    lang: Lang,
    terminal: bool,
) -> String {
    let style = human::Style { color: colour(terminal), ..human::Style::default() };
    human::render(diagnostics, sources, summary, lang, style)
}

fn run_check(args: CheckArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    let deny_warnings = args.deny.iter().any(|d| d == "warnings");
    let report = |diagnostics: &[plan::diagnostic::Diagnostic], sources, summary| match args.format {
        Format::Json => json::render(diagnostics, sources, summary),
        Format::Github => github::render(diagnostics, sources),
        Format::Gitlab => gitlab::render(diagnostics, sources),
        Format::Sarif => sarif::render(diagnostics, sources, lang),
        Format::Markdown => markdown::render(diagnostics, sources, summary, lang),
        Format::Human => human_text(diagnostics, sources, summary, lang, std::io::stdout().is_terminal()),
    };
    if !repo.config.sources.is_empty() {
        // A county with its municipalities' repositories: every finding in one report.
        let mut combined = repo.check_all()?;
        if let Some(rev) = args.changed_since.as_deref() {
            repo.keep_changed_since_combined(&mut combined, rev)?;
        }
        print(&report(&combined.diagnostics, &combined.sources, combined.summary))?;
        let fails = combined.summary.errors > 0 || (deny_warnings && combined.summary.warnings > 0);
        return Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS });
    }
    let mut checked = repo.check()?;
    if let Some(rev) = args.changed_since.as_deref() {
        repo.keep_changed_since(&mut checked, rev)?;
    }
    print(&report(&checked.diagnostics, &checked.plan.sources, checked.summary))?;
    let code = if checked.fails(deny_warnings) { ExitCode::from(1) } else { ExitCode::SUCCESS };
    // The process ends here: freeing a model of 100k activities piece by piece only to exit
    // cost a few per cent of a large check, so that is left to the operating system.
    std::mem::forget(checked);
    Ok(code)
}

fn run_diff(args: DiffArgs, lang: Lang) -> Result<ExitCode, Error> {
    let words: Vec<String> = [args.base, args.head, args.path].into_iter().flatten().collect();
    let named = plan::diff::Named { base: args.base_flag, head: args.head_flag, path: args.path_flag };
    let wanted = plan::diff::Wanted::from_words(&words, named, lang)?;
    let repo = Repository::open(wanted.path.as_deref(), args.today.as_deref(), lang)?;
    let diff = plan::diff::run(&repo, wanted.base.as_deref(), wanted.head.as_deref())?;
    print(&plan::diff::report::render(&diff, args.format, lang))?;
    Ok(if args.fail_on_new_errors && diff.introduces_errors() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn run_render(args: RenderArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    let out = args.out.unwrap_or_else(|| repo.root.join("public"));
    // `sources` is read by `publish::render` against its own check, for a county with `[[sources]]`.
    let (render_options, note) = plan::render::publish::options(&repo, args.format)?;
    if let Some(note) = note {
        eprintln!("{note}");
    }
    // A bar for long renders, on a terminal only: CI logs and pipes get the summary alone.
    let progress = if std::io::stderr().is_terminal() && std::env::var_os("CI").is_none() {
        plan::render::progress::Progress::stderr()
    } else {
        plan::render::progress::Progress::off()
    };
    let rendered = plan::render::publish::render(&repo, render_options, &out, args.force, &progress)?;
    drop(progress);
    let files = ui::count(lang, rendered.files, ui::FILES);
    let w = ui::count(lang, rendered.checked.summary.warnings, ui::WARNINGS);
    let o = out.display().to_string();
    let o = plan::escape::Terminal(&o);
    let done =
        plan::t!(lang, "skrev {files} till {o} ({w}; se `plan check`)", "wrote {files} to {o} ({w}; see `plan check`)");
    eprintln!("{done}");
    Ok(ExitCode::SUCCESS)
}

/// `plan serve`: the preview, until Ctrl-C (or SIGTERM), which ends it with exit code 0; a
/// second Ctrl-C while it ends stops the process at once (130).
fn run_serve(args: ServeArgs, lang: Lang) -> Result<ExitCode, Error> {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    let root = plan::config::find_root(args.path.as_deref(), &cwd);
    if let Some(today) = &args.today {
        // A date that is no date is refused at once, not shown on every page.
        parse_today(today, lang)?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let handler = {
        let stop = stop.clone();
        ctrlc::set_handler(move || {
            if stop.swap(true, Ordering::SeqCst) {
                std::process::exit(130);
            }
        })
    };
    handler.map_err(|e| Error::Output(e.to_string()))?;
    let options = plan::serve::Options {
        root,
        today: args.today,
        lang,
        port: args.port,
        bind: args.bind.unwrap_or(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)),
        stop,
        log: Arc::new(|line: &str| eprintln!("{}", plan::escape::Terminal(line))),
    };
    let preview = plan::serve::start(options)?;
    let url = preview.url().to_owned();
    eprintln!(
        "{}",
        plan::t!(
            lang,
            "Förhandsvisning på {url} — tryck Ctrl-C för att sluta",
            "Preview at {url} — press Ctrl-C to stop"
        )
    );
    if args.open {
        open_browser(&url, lang);
    }
    preview.run()?;
    Ok(ExitCode::SUCCESS)
}

/// Opens `url` in the user's web browser with the system's own opener (`xdg-open`, `open`,
/// `explorer`), started directly, not through a shell; a failure is only a warning.
fn open_browser(url: &str, lang: Lang) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let started = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match started {
        // Waited for on a thread of its own, so it leaves no zombie process behind.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => {
            let said = plan::lang::ui::io_error(lang, &e);
            eprintln!(
                "{}",
                plan::t!(
                    lang,
                    "varning: kunde inte öppna webbläsaren ({opener}: {said}); öppna {url} själv",
                    "warning: could not open the web browser ({opener}: {said}); open {url} yourself"
                )
            );
        }
    }
}

fn run_report(args: ReportArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    if let Some(out) = &args.out {
        repo.refuse_output(out)?;
    }
    let checked = repo.check_without_errors(&plan::t!(lang, "ingen rapport", "no report"))?;
    let report_options =
        ReportOptions { year: args.year, plan: args.plan, tertial: args.period, today: repo.options.today, lang };
    let templates = repo.templates_dir()?;
    let colors = &repo.config.site.colors;
    let sources = repo.sources(&checked)?;
    let text = plan::followup::make_with_sources(
        &checked.plan,
        &sources,
        &report_options,
        args.format,
        templates.as_deref(),
        colors,
    )?;
    match &args.out {
        Some(out) => plan::files::write::file(out, text.as_bytes()).map_err(|e| Error::io(out, e))?,
        None => print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_export(args: ExportArgs, lang: Lang) -> Result<ExitCode, Error> {
    let kinds = plan::table::export::chosen(&args.table, args.all, args.format);
    plan::table::export::validate(&kinds, args.format, args.out.as_deref(), lang)?;
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    if let Some(out) = &args.out {
        repo.refuse_output(out)?;
    }
    let checked = repo.check()?;
    if checked.has_errors() && !args.partial {
        let message = plan::t!(
            lang,
            "exporterar inte: planen har fel (se ovan); rätta dem, eller exportera ändå med --partial, som lägger fynden i en egen tabell",
            "not exporting: the plan has errors (see above); fix them, or export anyway with --partial, which puts the findings in a table of their own"
        );
        return Err(Error::PlanHasErrors { checked: Box::new(checked), message });
    }
    // With --partial, a plan with errors is exported with its findings beside the data.
    let findings = (args.partial && checked.has_errors()).then(|| plan::table::findings::table(&checked));
    if let Some(f) = &findings {
        let errors = plan::lang::ui::count(
            lang,
            checked.diagnostics.iter().filter(|d| d.severity == plan::diagnostic::Severity::Error).count(),
            plan::lang::ui::ERRORS,
        );
        let rows = f.rows.len();
        // One CSV file holds one table: the findings have no place there.
        let one_csv =
            args.format == ExportFormat::Csv && kinds.len() == 1 && !args.out.as_deref().is_some_and(Path::is_dir);
        let note = if one_csv {
            plan::t!(
                lang,
                "obs: planen har {errors}; exporterar ändå (--partial); en CSV-fil rymmer en tabell, så de {rows} fynden står inte i den: se `plan check`",
                "note: the plan has {errors}; exporting anyway (--partial); a CSV file holds one table, so the {rows} findings are not in it: see `plan check`"
            )
        } else {
            plan::t!(
                lang,
                "obs: planen har {errors}; exporterar ändå (--partial), med de {rows} fynden i tabellen `fynd`",
                "note: the plan has {errors}; exporting anyway (--partial), with the {rows} findings in the table `fynd`"
            )
        };
        eprintln!("{note}");
    }
    let import = &repo.config.import;
    let layout = plan::table::export::Layout {
        headers: &import.kolumner,
        statuses: &import.status,
        findings: findings.as_ref(),
    };
    let exported = if repo.config.sources.is_empty() {
        plan::table::export::export(&checked.plan, &kinds, args.format, args.out.as_deref(), layout, lang)?
    } else {
        let sources = repo.sources(&checked)?;
        let own = repo.own_name(&checked.plan);
        plan::table::export::export_with_sources(
            (&checked.plan, &own),
            &sources,
            &kinds,
            args.format,
            args.out.as_deref(),
            layout,
            lang,
        )?
    };
    match exported {
        Exported::Stdout(bytes) => print_bytes(&bytes)?,
        Exported::Files(files) => {
            for file in files {
                let f = file.display().to_string();
                let f = plan::escape::Terminal(&f);
                eprintln!("{}", plan::t!(lang, "skrev {f}", "wrote {f}"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The value of `plan list --status`: any word (plan.toml may map the analyst's own), with
/// the format's statuses as the values shells complete and help lists.
#[derive(Clone)]
struct StatusWord;

impl clap::builder::TypedValueParser for StatusWord {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(plan::model::Status::words().map(clap::builder::PossibleValue::new)))
    }
}

fn run_list(args: ListArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    let filters = Filters {
        owner: args.owner,
        status: args.status,
        status_words: repo.config.import.status.clone(),
        year: args.year,
        direction: args.direction,
        plan: args.plan,
        goal_area: args.goal_area,
    };
    let checked = repo.check_without_errors(&plan::t!(lang, "listar inte", "not listing"))?;
    let table = plan::list::table(&checked.plan, args.kind, &filters, lang)?;
    let empty = table.rows.is_empty();
    match args.format {
        ListFormat::Table if empty => print(&format!("{}\n", plan::list::nothing_found(args.kind, lang)))?,
        ListFormat::Table => {
            let stdout = std::io::stdout();
            let width = stdout
                .is_terminal()
                .then(terminal_size::terminal_size)
                .flatten()
                .map(|(terminal_size::Width(w), _)| usize::from(w));
            print(&plan::list::text(&table, args.kind, lang, width))?;
        }
        ListFormat::Json => print(&plan::table::json::render(std::slice::from_ref(&table)))?,
        ListFormat::Csv => print_bytes(&plan::table::csv::write(&table)?)?,
    }
    if empty && args.format != ListFormat::Table {
        eprintln!("{}", plan::list::nothing_found(args.kind, lang));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_init(
    dir: Option<PathBuf>,
    kommun: Option<String>,
    stadsdel: Option<String>,
    foljer: Option<PathBuf>,
    lang: Lang,
) -> Result<ExitCode, Error> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let kommun = match kommun {
        Some(given) => Some(plan::init::find_municipality(&given, lang)?),
        None if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() => ask_municipality(lang)?,
        None => None,
    };
    let year = || -> Result<i32, Error> {
        let today = match std::env::var("PLAN_TODAY") {
            Ok(text) => parse_today(&text, lang)?,
            Err(_) => chrono::Local::now().date_naive(),
        };
        Ok(chrono::Datelike::year(&today))
    };
    let written = match (&kommun, &stadsdel) {
        (Some(m), Some(place)) => plan::init::init_district(&dir, m, place, foljer.as_deref(), year()?, lang)?,
        (Some(m), None) => plan::init::init_municipality(&dir, m, year()?, lang)?,
        (None, _) => plan::init::init(&dir, lang)?,
    };
    print(&plan::init::next_steps(&dir, &written, lang))?;
    Ok(ExitCode::SUCCESS)
}

/// Asks on the terminal whose repository `plan init` makes; an empty answer is the example.
fn ask_municipality(lang: Lang) -> Result<Option<plan::init::Municipality>, Error> {
    eprint!(
        "{}",
        plan::t!(
            lang,
            "Vilken kommuns repositorium är det? Skriv namnet eller kommunkoden (tomt: ett neutralt exempel): ",
            "Whose repository is it? Give the municipality's name or kommunkod (empty: a neutral example): "
        )
    );
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| Error::Output(e.to_string()))?;
    match answer.trim() {
        "" => Ok(None),
        given => plan::init::find_municipality(given, lang).map(Some),
    }
}

/// Prints an outcome of an editing command and returns its exit code.
fn finish(outcome: plan::import::Outcome) -> Result<ExitCode, Error> {
    eprint!("{}", plan::escape::Terminal(&outcome.err));
    print(&plan::escape::terminal(&outcome.out))?;
    Ok(ExitCode::from(outcome.code))
}

fn run_import(args: ImportArgs, lang: Lang) -> Result<ExitCode, Error> {
    if let Some(kolada) = &args.kolada {
        if args.path.is_some() {
            return Err(Error::Usage(plan::t!(
                lang,
                "med --kolada tar `plan import` bara repositoriets mapp",
                "with --kolada, `plan import` takes only the repository folder"
            )));
        }
        let repo = Repository::open(args.file.as_deref(), args.today.as_deref(), lang)?;
        let _lock = repo.lock_for_editing()?;
        return finish(plan::import::kolada::run(&repo.root, &repo.config, &repo.options, kolada, args.force)?);
    }
    let (Some(file), Some(into)) = (args.file.as_deref(), args.into.as_deref()) else {
        return Err(Error::Usage(plan::t!(lang, "ange tabellen som ska importeras", "give the table to import")));
    };
    let repo = Repository::open(args.path.as_deref(), args.today.as_deref(), lang)?;
    let _lock = repo.lock_for_editing()?;
    let target = plan::import::activities::Target {
        id: args.plan_id.clone(),
        action_plan: args.action_plan.clone(),
        year: args.year,
        follow_up_date: args.follow_up_date.as_deref().map(|d| parse_today(d, lang)).transpose()?,
    };
    let import = plan::import::ActivityImport {
        file,
        into,
        sheet: args.sheet.as_deref(),
        force: args.force,
        partial: args.partial,
        target,
    };
    finish(plan::import::run_activities(&repo.root, &repo.config, &repo.options, &import)?)
}

fn run_new_activity(args: NewActivityArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), None, lang)?;
    // Held from before the repository is read, so the next id is worked out from what
    // another `plan new activity` has just written, not from what was there before it.
    let _lock = repo.lock_for_editing()?;
    let checked = plan::run::check(&repo.root, &repo.config, &repo.options)?;
    let request =
        plan::new::NewActivity { plan: args.plan, title: args.title, owner: args.owner, directions: args.direction };
    finish(plan::new::new_activity(&checked.plan, &request, lang)?)
}

fn run_kolada_urls(path: Option<PathBuf>, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(path.as_deref(), None, lang)?;
    let checked = plan::run::check(&repo.root, &repo.config, &repo.options)?;
    let (urls, without_code) = plan::import::kolada::urls(&checked.plan);
    let mut out = String::new();
    for u in &urls {
        out.push_str(&u.url);
        out.push('\n');
    }
    print(&out)?;
    let mut err = String::new();
    for id in &without_code {
        let id = plan::escape::Terminal(id).to_string();
        err.push_str(&plan::t!(
            lang,
            "obs: {id} har ingen giltig kommunkod: skriv `kommunkod` i `källa` med fyra siffror inom citattecken (`\"0180\"`), eller ge planens ägare en\n",
            "note: {id} has no valid municipality code: write `kommunkod` in `källa` as four digits in quotes (`\"0180\"`), or give the plan's owner one\n"
        ));
    }
    let n = urls.len();
    err.push_str(&if n == 0 {
        plan::t!(
            lang,
            "inga Kolada-indikatorer (`källa: {{ kolada: … }}`) med kommunkod\n",
            "no Kolada indicators (`källa: {{ kolada: … }}`) with a municipality code\n"
        )
    } else {
        let addresses = plan::lang::ui::count(lang, n, ("adress", "adresser", "address", "addresses"));
        plan::t!(
            lang,
            "{addresses}; spara varje svar som en .json-fil och läs in det med `plan import --kolada FIL.json`\n",
            "{addresses}; save each response as a .json file and read it in with `plan import --kolada FILE.json`\n"
        )
    });
    eprint!("{err}");
    Ok(done(()))
}

fn run_new_activity_plan(args: NewActivityPlanArgs, lang: Lang) -> Result<ExitCode, Error> {
    let repo = Repository::open(args.path.as_deref(), None, lang)?;
    let _lock = repo.lock_for_editing()?;
    let checked = plan::run::check(&repo.root, &repo.config, &repo.options)?;
    let request =
        plan::new::NewActivityPlan { from: args.from, year: args.year, id: args.id, into: args.into.as_deref() };
    finish(plan::new::new_activity_plan(&repo.root, &repo.config, &repo.options, &checked, &request)?)
}

/// The roff man page: clap_mangen's page for `plan`, then one section per subcommand with
/// its synopsis and options, so one `man plan` shows everything (no `plan-check(1)` pages
/// need installing).
fn man_page(lang: Lang) -> std::io::Result<Vec<u8>> {
    let mut cmd = command(lang);
    cmd.build();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = sub.get_name().to_uppercase();
        out.extend_from_slice(format!(".SH \"PLAN {name}\"\n").as_bytes());
        let man = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        man.render_description_section(&mut part)?;
        man.render_synopsis_section(&mut part)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            man.render_options_section(&mut part)?;
        }
        // Inside this section, clap_mangen's headings become subsections.
        // The roff preamble (the apostrophe string) is already at the top of the page.
        let part = String::from_utf8_lossy(&part);
        for line in part.lines().filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && !l.starts_with(".el .ds Aq")) {
            let line = if line == ".SH DESCRIPTION" { continue } else { line.replacen(".SH ", ".SS ", 1) };
            out.extend_from_slice(line.as_bytes());
            out.push(b'\n');
        }
    }
    Ok(out)
}

/// Writes to stdout; a closed pipe (`plan check | head`) is not an error worth reporting.
fn print(text: &str) -> Result<(), Error> {
    print_bytes(text.as_bytes())
}

/// Writes bytes to stdout, as [`print`] does. On a terminal, control and bidi characters are
/// shown as escapes: tables and lists hold titles as written, and a terminal would run their
/// escape sequences. Into a pipe or a file the bytes go as they are.
fn print_bytes(bytes: &[u8]) -> Result<(), Error> {
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let text = String::from_utf8_lossy(bytes);
        return write_stdout(plan::escape::terminal_output(&text).as_bytes());
    }
    write_stdout(bytes)
}

fn write_stdout(bytes: &[u8]) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(e.to_string())),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::Parser;

    /// Splits a command line into words as a POSIX shell does for quotes (no expansion).
    fn shell_words(command: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quote: Option<char> = None;
        let mut in_word = false;
        for c in command.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), c) => word.push(c),
                (None, '"' | '\'') => {
                    quote = Some(c);
                    in_word = true;
                }
                (None, c) if c.is_whitespace() => {
                    if in_word {
                        words.push(std::mem::take(&mut word));
                        in_word = false;
                    }
                }
                (None, c) => {
                    word.push(c);
                    in_word = true;
                }
            }
        }
        if in_word {
            words.push(word);
        }
        words
    }

    /// Every `plan …` command line in a text, up to a shell operator, split into words.
    fn plan_commands(text: &str) -> Vec<Vec<String>> {
        use clap::CommandFactory;
        let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect();
        let mut out = Vec::new();
        for line in text.lines() {
            let line = line.split(" #").next().unwrap_or(line);
            let mut rest = line;
            while let Some(i) = rest.find("plan ") {
                let before = rest[..i].chars().last();
                let tail = &rest[i..];
                rest = &rest[i + 5..];
                if before.is_some_and(|c| !(c.is_whitespace() || "-;&|(:".contains(c))) {
                    continue;
                }
                let command = tail.split(['>', '|', '&', ';', ')']).next().unwrap_or(tail);
                let words = shell_words(command);
                if words.get(1).is_some_and(|w| names.contains(w)) {
                    out.push(words);
                }
            }
        }
        out
    }

    /// The `plan …` commands of the action's scripts: lines that start with `plan`, without
    /// the bash arrays that expand to further flags (`${since[@]+"${since[@]}"}`).
    fn script_commands(text: &str) -> Vec<Vec<String>> {
        let lines: String =
            text.lines().filter(|l| l.trim_start().starts_with("plan ")).map(|l| format!("{l}\n")).collect();
        let mut commands = plan_commands(&lines);
        for words in &mut commands {
            words.retain(|w| !(w.starts_with("${") && w.contains("[@]")));
        }
        commands
    }

    #[test]
    fn every_plan_command_in_the_ci_examples_and_the_action_parses() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = 0;
        for (name, least) in [
            ("examples/ci/github-actions.yml", 1),
            ("examples/ci/gitlab/plankoll.yml", 4),
            (".github/action/check.sh", 4),
            (".github/action/comment.sh", 1),
        ] {
            let text = std::fs::read_to_string(root.join(name)).expect("example");
            let commands = if name.ends_with(".sh") { script_commands(&text) } else { plan_commands(&text) };
            assert!(commands.len() >= least, "{name}: {commands:?}");
            for words in commands {
                seen += 1;
                if let Err(e) = Cli::try_parse_from(&words) {
                    panic!("{name}: `{}` does not parse: {e}", words.join(" "));
                }
            }
        }
        assert!(seen >= 10);
    }

    #[test]
    fn the_extractor_finds_commands_and_stops_at_shell_operators() {
        let found = plan_commands(
            "  - plan check --format gitlab > out.json || status=$?\n  run: plan diff \"origin/${{ x }}\" --format markdown\n# not a plan here\n",
        );
        assert_eq!(
            found,
            [
                vec!["plan", "check", "--format", "gitlab"],
                vec!["plan", "diff", "origin/${{ x }}", "--format", "markdown"]
            ]
        );
        assert!(Cli::try_parse_from(["plan", "check", "--format", "gitlabb"]).is_err());
    }
}
