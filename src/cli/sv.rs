//! The command line in Swedish: the help of every command and argument, and clap's own words.
//!
//! The English help is the doc comments of [`super::Cli`], as clap's derive reads them. The
//! Swedish is here, one line per command and argument, by its path (`check`,
//! `check.format`), with the placeholder its value is shown with (`<MAPP>`); [`localize`]
//! puts it on the command before clap parses anything, since `--help` and clap's errors are
//! made from the command. What clap writes itself — headings, `[default: …]`, the help of
//! `-h` and of the `help` command — is replaced with Swedish in [`clap_words`]. A test
//! checks that every command and argument has its line here and that no line is stale.

use clap::{Arg, ArgAction, Command};

/// `(path, value placeholder, Swedish help)` for every command and argument.
pub const TEXTS: &[(&str, Option<&str>, &str)] = &[
    (
        "",
        None,
        "Håll en offentlig strategi för hälsa, vård och omsorg som YAML i git, kontrollera att allt arbete går att spåra till den, och publicera den.",
    ),
    (".lang", Some("SPRÅK"), "Språk för meddelanden: sv (svenska, standard) eller en (engelska)"),
    ("check", None, "Kontrollera planfilerna och rapportera varje fynd"),
    ("check.path", Some("MAPP"), REPOSITORY),
    (
        "check.format",
        Some("FORMAT"),
        "Utdataformat: human (för människor), json (ett JSON-dokument för verktyg), github (anteckningar i GitHub Actions), gitlab (GitLab Code Quality), sarif (SARIF 2.1.0) eller markdown (en tabell för en CI-sammanfattning)",
    ),
    ("check.today", Some("DATUM"), TODAY),
    ("check.deny", Some("NIVÅ"), "Låt även fynd på den här nivån få kontrollen att misslyckas (bara `warnings`)"),
    (
        "check.changed_since",
        Some("REVISION"),
        "Rapportera bara fynd i planfiler som skiljer sig från den här git-revisionen (hela repositoriet läses ändå, eftersom referenser går mellan filer)",
    ),
    ("render", None, "Kontrollera planen och publicera den som webbplats (HTML) eller som Markdown-filer"),
    ("render.path", Some("MAPP"), REPOSITORY),
    ("render.out", Some("MAPP"), "Mappen att skriva webbplatsen till [standard: public/ i repositoriet]"),
    (
        "render.format",
        Some("FORMAT"),
        "Utdataformat: html (HTML-sidor med stilmall) eller markdown (Markdown-filer med relativa länkar, för andra publiceringssystem)",
    ),
    ("render.today", Some("DATUM"), TODAY),
    ("render.force", None, "Ersätt innehållet i en mapp som inte är tom och som `plan render` inte har skapat"),
    (
        "serve",
        None,
        "Förhandsvisa webbplatsen medan du redigerar: bygg den i minnet, visa den på den här datorn (http://127.0.0.1:8000/) och bygg om den, och ladda om de öppna sidorna, varje gång en planfil, plan.toml eller en mall ändras",
    ),
    ("serve.path", Some("MAPP"), REPOSITORY),
    (
        "serve.port",
        Some("PORT"),
        "Porten [standard: 8000, eller nästa lediga till och med 8009]; 0 tar vilken ledig port som helst",
    ),
    (
        "serve.bind",
        Some("ADRESS"),
        "Adressen att lyssna på [standard: 127.0.0.1, bara den här datorn]; en annan gör förhandsvisningen synlig på nätverket",
    ),
    ("serve.open", None, "Öppna förhandsvisningen i webbläsaren"),
    ("serve.today", Some("DATUM"), TODAY),
    ("diff", None, "Visa vad en ändring gör med planen mellan två git-revisioner"),
    (
        "diff.base",
        Some("FÖRE"),
        "Revisionen före ändringen [standard: där HEAD grenade av från standardgrenen (merge base)]",
    ),
    ("diff.head", Some("EFTER"), "Revisionen efter ändringen [standard: arbetskatalogen]"),
    (
        "diff.path",
        Some("MAPP"),
        "Repositoriets mapp [standard: närmaste mapp med en plan.toml, annars den aktuella]. Sista ordet är mappen när det är en mapp; `plan diff main` jämför med `main`",
    ),
    ("diff.base_flag", Some("REVISION"), "Revisionen före ändringen, som flagga (tas aldrig för en mapp)"),
    ("diff.head_flag", Some("REVISION"), "Revisionen efter ändringen, som flagga"),
    ("diff.path_flag", Some("MAPP"), "Repositoriets mapp (den äldre stavningen av MAPP)"),
    (
        "diff.format",
        Some("FORMAT"),
        "Utdataformat: human (för terminalen), markdown (att lägga som kommentar i en pull request) eller json (för verktyg)",
    ),
    ("diff.today", Some("DATUM"), TODAY),
    ("diff.fail_on_new_errors", None, "Avsluta med 1 när ändringen inför fel"),
    (
        "report",
        None,
        "Skriv årets uppföljningsrapport: per plan och målområde, status, försenat arbete, luckor och indikatorer",
    ),
    ("report.path", Some("MAPP"), REPOSITORY),
    ("report.year", Some("ÅR"), "Året [standard: kontrolldatumets år]"),
    ("report.plan", Some("ID"), "Bara den här handlingsplanen och dess egna aktivitetsplaner"),
    ("report.period", Some("PERIOD"), "Del av året: t1 (januari–april), t2 (januari–augusti) eller helår"),
    (
        "report.format",
        Some("FORMAT"),
        "Utdataformat: human (text för terminal eller e-post), markdown (för en wiki eller dokumentkonvertering) eller html (en fristående HTML-fil som går att skriva ut som PDF)",
    ),
    ("report.out", Some("FIL"), "Skriv rapporten till den här filen (i ett svep) i stället för till terminalen"),
    ("report.today", Some("DATUM"), TODAY),
    (
        "import",
        None,
        "Importera aktiviteter från ett kalkylark (.xlsx, .csv) till en aktivitetsplan, eller indikatorvärden från ett nedladdat Kolada-svar (`--kolada FIL.json`)",
    ),
    ("import.file", Some("FIL"), "Kalkylarket att importera (.xlsx eller .csv); med --kolada, repositoriets mapp"),
    ("import.path", Some("MAPP"), REPOSITORY),
    ("import.into", Some("PLANFIL"), "Aktivitetsplanens fil, som uppdateras eller skapas"),
    (
        "import.kolada",
        Some("FIL.json"),
        "Importera indikatorvärden från ett svar från Koladas API (v3), sparat som JSON",
    ),
    ("import.sheet", Some("BLAD"), "Bladet att läsa i en .xlsx-fil [standard: `aktiviteter`, annars det första]"),
    ("import.force", None, "Skriv ändringar till en fil som redan finns (med --kolada: ersätt värden som skiljer sig)"),
    ("import.partial", None, "Importera de rader som går att importera när andra inte gör det"),
    ("import.plan_id", Some("ID"), "För en ny fil: aktivitetsplanens id [standard: tabellens kolumn `aktivitetsplan`]"),
    (
        "import.action_plan",
        Some("ID"),
        "För en ny fil: dess handlingsplan [standard: tabellens kolumn `handlingsplan`]",
    ),
    ("import.year", Some("ÅR"), "För en ny fil: dess år [standard: tabellens kolumn `år`]"),
    (
        "import.follow_up_date",
        Some("ÅÅÅÅ-MM-DD"),
        "Uppföljningens datum i rader som har uppföljningsstatus eller kommentar men inget `uppföljning datum` (ett blad med en statuskolumn per tertial)",
    ),
    (
        "import.today",
        Some("DATUM"),
        "Kontrolldatumet för kontrollen efter skrivningen, ÅÅÅÅ-MM-DD [standard: `today` i plan.toml, annars i dag]",
    ),
    (
        "new",
        None,
        "Lägg till i planen: `plan new activity --plan ID` lägger till en aktivitetsstomme, `plan new aktivitetsplan --from ID --year ÅR` påbörjar nästa års plan",
    ),
    ("new.aktivitetsplan", None, "Påbörja nästa års aktivitetsplan med ett års alla ofärdiga aktiviteter överförda"),
    (
        "new.aktivitetsplan.from",
        Some("ID"),
        "Aktivitetsplanen vars ofärdiga aktiviteter (inte `klar`, inte `avbruten`) förs över",
    ),
    ("new.aktivitetsplan.year", Some("ÅR"), "Den nya planens år"),
    ("new.aktivitetsplan.path", Some("MAPP"), REPOSITORY),
    (
        "new.aktivitetsplan.id",
        Some("ID"),
        "Den nya planens id [standard: det gamla id:t med det nya året, `lan-2024` → `lan-2025`]",
    ),
    (
        "new.aktivitetsplan.into",
        Some("FIL"),
        "Filen som skrivs [standard: bredvid den gamla planen, med det nya året i namnet]",
    ),
    ("new.activity", None, "Lägg till en aktivitetsstomme med nästa lediga id i en aktivitetsplan"),
    ("new.activity.plan", Some("ID"), "Aktivitetsplanens id"),
    ("new.activity.path", Some("MAPP"), REPOSITORY),
    ("new.activity.title", Some("TITEL"), "Aktivitetens titel (`titel`)"),
    ("new.activity.owner", Some("ORG"), "Den ansvariga organisationens id (`ansvarig`)"),
    (
        "new.activity.direction",
        Some("ID"),
        "En strategisk inriktning som aktiviteten leder till (`inriktningar`; kan upprepas)",
    ),
    (
        "lsp",
        None,
        "Kör språkservern för editorer (LSP på stdin och stdout): fynd medan du skriver, komplettering av id:n, hjälptexter, gå till definition, referenser och namnbyte",
    ),
    (
        "schema",
        None,
        "Skriv ut planfilernas JSON Schema, för editorer (komplettering, hjälptexter, kontroll medan du skriver)",
    ),
    (
        "explain",
        None,
        "Förklara en regel (`plan explain P004`, `plan explain okänd-referens`), eller lista alla regler",
    ),
    ("explain.rule", Some("REGEL"), "En regels kod eller namn; utan den listas alla regler"),
    (
        "export",
        None,
        "Exportera aktiviteter (och, om du vill, inriktningar, organisationer och indikatorer) som platta tabeller: CSV, en Excel-arbetsbok eller JSON",
    ),
    ("export.path", Some("MAPP"), REPOSITORY),
    (
        "export.format",
        Some("FORMAT"),
        "Utdataformat: csv (för svenska Excel: UTF-8 med BOM och `;`), xlsx (en Excel-arbetsbok med ett blad per tabell) eller json (ett JSON-dokument med en nyckel per tabell)",
    ),
    (
        "export.out",
        Some("FIL|MAPP"),
        "Filen att skriva, eller mappen för flera CSV-tabeller [standard: terminalen för CSV och JSON]",
    ),
    (
        "export.table",
        Some("TABELL"),
        "En tabell att exportera: aktiviteter, uppföljningar, inriktningar, organisationer eller indikatorer; upprepa för flera [standard: aktiviteter, i xlsx också uppföljningar]",
    ),
    ("export.all", None, "Exportera alla fem tabellerna"),
    ("export.partial", None, "Exportera också en plan som har fel, med fynden i en egen tabell (`fynd`)"),
    ("export.today", Some("DATUM"), TODAY),
    ("list", None, "Lista aktiviteter, inriktningar eller organisationer, filtrerade"),
    (
        "list.kind",
        Some("VAD"),
        "Vad som ska listas: activities (aktiviteter), directions (inriktningar) eller organisations (organisationer)",
    ),
    ("list.path", Some("MAPP"), REPOSITORY),
    (
        "list.owner",
        Some("ORG"),
        "Bara aktiviteter som ägs (`ansvarig`) av den här organisationen eller en del av den (`del_av`): ett id eller dess exakta namn",
    ),
    (
        "list.status",
        Some("STATUS"),
        "Bara aktiviteter med den här statusen nu: en status i formatet (planerad, pågående, klar, försenad, pausad eller avbruten), ett ord i plan.toml:s `[import.status]` eller en vanlig synonym (`pågår`)",
    ),
    ("list.year", Some("ÅR"), "Bara aktiviteter i aktivitetsplaner för det här året"),
    (
        "list.direction",
        Some("ID"),
        "Bara aktiviteter som leder till den här strategiska inriktningen, direkt eller via ett utvecklingsområde",
    ),
    (
        "list.goal_area",
        Some("ID"),
        "Bara aktiviteter som leder till en strategisk inriktning i det här målområdet; för inriktningar, de i målområdet",
    ),
    (
        "list.plan",
        Some("ID"),
        "Bara aktiviteter i den här aktivitetsplanen eller handlingsplanen; för inriktningar, de i den här handlingsplanen och planerna den följer",
    ),
    (
        "list.format",
        Some("FORMAT"),
        "Utdataformat: table (textkolumner för människor), json eller csv (som `plan export` av de listade raderna)",
    ),
    ("list.today", Some("DATUM"), TODAY),
    (
        "init",
        None,
        "Skapa ett nytt planrepositorium: plan.toml, länsplanen, organisationerna och en kommuns egen lokala plan och första aktivitetsplan (`--kommun`), eller ett exempel",
    ),
    ("init.dir", Some("MAPP"), "Mappen att skapa det i [standard: den aktuella mappen]"),
    (
        "init.kommun",
        Some("NAMN|KOD"),
        "Kommunen som repositoriet är till för: dess namn eller kommunkod (`Nacka`, `0182`) [standard: frågas i terminalen, annars ett neutralt exempel]",
    ),
    ("init.stadsdel", Some("NAMN"), "En stadsdelsförvaltning i kommunen som repositoriet är till för (`Skärholmen`)"),
    (
        "init.foljer",
        Some("MAPP"),
        "Stadens eget repositorium, vars plan stadsdelens följer (dess planer kopieras in) [standard: stadsdelens plan följer länsplanen]",
    ),
    (
        "county",
        None,
        "Håll kopian av länsplanen som länet beslutade den: `plan county update` skriver den beslutade texten till kopian och låser dess version i plan.toml",
    ),
    (
        "county.update",
        None,
        "Skriv länets beslutade text (den nyaste versionen som verktyget har) till repositoriets kopia av länsplanen, och lås den versionen i plan.toml",
    ),
    ("county.update.path", Some("MAPP"), REPOSITORY),
    (
        "kolada",
        None,
        "Kolada, som `plan` aldrig själv går till: `plan kolada urls` skriver API-adresserna vars svar `plan import --kolada` fyller indikatorerna från",
    ),
    (
        "kolada.urls",
        None,
        "Skriv Koladas API-adress för varje KPI och kommunkod bland repositoriets indikatorer, en per rad, att öppna i en webbläsare eller ladda ner och importera",
    ),
    ("kolada.urls.path", Some("MAPP"), REPOSITORY),
    (
        "completions",
        None,
        "Skriv ut ett skript för kommandokomplettering (`plan completions bash > ~/.local/share/bash-completion/completions/plan`)",
    ),
    ("completions.shell", Some("SKAL"), "Skalet: bash, elvish, fish, powershell eller zsh"),
    ("man", None, "Skriv ut manualsidan i roff (`plan man > plan.1`)"),
];

/// The repository folder, as most commands take it.
const REPOSITORY: &str = "Repositoriets mapp [standard: närmaste mapp med en plan.toml, annars den aktuella]";

/// The check date, as most commands take it.
const TODAY: &str = "Kontrolldatumet, ÅÅÅÅ-MM-DD [standard: `today` i plan.toml, annars i dag]";

/// The heading of positional arguments in help.
pub const ARGUMENTS: &str = "Argument";

/// The heading of flags in help.
pub const OPTIONS: &str = "Flaggor";

/// The help and usage in Swedish, with the same parts as clap's own template.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nAnvändning: {usage}\n\n{all-args}{after-help}";

/// The Swedish line of a command or argument.
pub fn text(path: &str) -> Option<(Option<&'static str>, &'static str)> {
    TEXTS.iter().find(|(p, ..)| *p == path).map(|&(_, name, text)| (name, text))
}

/// The command with its Swedish help: every text from [`TEXTS`], Swedish headings and
/// placeholders, and `-h` and `-V` of its own, since clap's say "Print help".
pub fn localize(cmd: Command) -> Command {
    let mut cmd = localize_at(cmd, "").disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help("Visa versionen")
            .help_heading(OPTIONS),
    );
    // clap adds the `help` command (and its own `-h`) while it builds the command.
    cmd.build();
    cmd.mut_subcommand("help", |help| help.about(HELP_COMMAND))
}

/// The `help` command's help.
const HELP_COMMAND: &str = "Visa den här hjälpen, eller ett kommandos";

fn localize_at(mut cmd: Command, path: &str) -> Command {
    if let Some((_, about)) = text(path) {
        cmd = cmd.about(about).long_about(None);
    }
    cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Kommandon")
        .subcommand_value_name("KOMMANDO")
        .disable_help_flag(true);
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in &ids {
        let key = format!("{path}.{id}");
        cmd = cmd.mut_arg(id, |arg| {
            let heading = if arg.is_positional() { ARGUMENTS } else { OPTIONS };
            // The values, the default and the environment variable are said in the Swedish
            // text, in Swedish: clap's `[default: …]` would be English, and its
            // `[env: …]` wraps where no replacement can find it.
            let takes_values = arg.get_action().takes_values();
            let default = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).next();
            let env = arg.get_env().map(|e| e.to_string_lossy().into_owned());
            let mut arg = arg.help_heading(heading).long_help(None);
            if takes_values {
                arg = arg.hide_possible_values(true).hide_default_value(true);
            }
            if env.is_some() {
                arg = arg.hide_env(true);
            }
            if let Some((name, help)) = text(&key) {
                let mut help = help.to_owned();
                if let Some(default) = default.filter(|_| takes_values) {
                    help.push_str(&format!(" [standard: {default}]"));
                }
                if let Some(env) = env {
                    help.push_str(&format!(" [miljövariabel: {env}]"));
                }
                arg = arg.help(help);
                if let Some(name) = name {
                    arg = arg.value_name(name);
                }
            }
            arg
        });
    }
    // After the command's own arguments, so that the positional ones are listed first.
    cmd = cmd
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Visa hjälp").help_heading(OPTIONS));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        let sub = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        cmd = cmd.mut_subcommand(&name, |s| localize_at(s, &sub));
    }
    cmd
}

/// The words clap writes itself, in help, usage, the man page and completion scripts, with
/// their Swedish; applied to clap's output in that order.
const CLAP_WORDS: &[(&str, &str)] = &[
    ("Usage:", "Användning:"),
    ("[OPTIONS]", "[FLAGGOR]"),
    ("<COMMAND>", "<KOMMANDO>"),
    ("[default: ", "[standard: "),
    ("[env: ", "[miljövariabel: "),
    ("[aliases: ", "[alias: "),
    ("[possible values: ", "[möjliga värden: "),
    ("Possible values:", "Möjliga värden:"),
    ("Print this message or the help of the given subcommand(s)", "Visa den här hjälpen, eller ett kommandos"),
    ("Print help for the subcommand(s)", "Visa hjälpen för kommandot"),
    ("Print help", "Visa hjälp"),
    ("Print version", "Visa versionen"),
    // The man page (clap_mangen).
    (".SH NAME", ".SH NAMN"),
    (".SH SYNOPSIS", ".SH ÖVERSIKT"),
    (".SH DESCRIPTION", ".SH BESKRIVNING"),
    (".SH OPTIONS", ".SH FLAGGOR"),
    (".SH Kommandon", ".SH KOMMANDON"),
    (".SS SYNOPSIS", ".SS ÖVERSIKT"),
    (".SS OPTIONS", ".SS FLAGGOR"),
    ("May also be specified with the ", "Kan också anges med miljövariabeln "),
    (" environment variable. ", ". "),
];

/// clap's own words in `text` replaced with Swedish.
pub fn clap_words(text: &str) -> String {
    let mut out = text.to_owned();
    for (en, sv) in CLAP_WORDS {
        if out.contains(en) {
            out = out.replace(en, sv);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::CommandFactory;

    /// Every command and argument of the command line, by path, with the arguments' values.
    fn paths(cmd: &Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
        out.push((path.to_owned(), Vec::new()));
        for arg in cmd.get_arguments() {
            let values = arg.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
            out.push((format!("{path}.{}", arg.get_id()), values));
        }
        for sub in cmd.get_subcommands() {
            let p = if path.is_empty() { sub.get_name().to_owned() } else { format!("{path}.{}", sub.get_name()) };
            paths(sub, &p, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_its_swedish_help_and_no_line_is_stale() {
        let mut all = Vec::new();
        paths(&Cli::command(), "", &mut all);
        let missing: Vec<&str> = all.iter().map(|(p, _)| p.as_str()).filter(|p| text(p).is_none()).collect();
        assert!(missing.is_empty(), "no Swedish help for {missing:?}");
        let stale: Vec<&str> = TEXTS.iter().map(|(p, ..)| *p).filter(|p| !all.iter().any(|(a, _)| a == p)).collect();
        assert!(stale.is_empty(), "Swedish help for what no longer exists: {stale:?}");
    }

    #[test]
    fn the_swedish_help_names_every_value_an_argument_takes() {
        let mut all = Vec::new();
        paths(&Cli::command(), "", &mut all);
        for (path, values) in
            all.iter().filter(|(_, v)| !v.is_empty() && !v.iter().all(|x| x == "true" || x == "false"))
        {
            let (_, help) = text(path).expect("a Swedish help");
            for value in values {
                assert!(help.contains(value.as_str()), "{path}: the Swedish help does not name `{value}`");
            }
        }
    }

    #[test]
    fn both_languages_make_a_valid_command() {
        for lang in [plan::lang::Lang::Sv, plan::lang::Lang::En] {
            crate::cli::command(lang).debug_assert();
        }
    }

    #[test]
    fn clap_words_become_swedish() {
        assert_eq!(clap_words("Usage: plan [OPTIONS] <COMMAND>"), "Användning: plan [FLAGGOR] <KOMMANDO>");
        assert_eq!(clap_words(".SH NAME\n.SH OPTIONS\n"), ".SH NAMN\n.SH FLAGGOR\n");
    }
}
