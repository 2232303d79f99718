//! Short, bounded property tests that run in CI (the long fuzzing runs do not): plan-like
//! YAML built from the format's own pieces never makes the checker or the renderer panic,
//! findings always point inside their file, and no id can name a path outside its folder.

mod common;

use plan::load::Input;
use plan::render::{RenderError, RenderOptions, SiteFormat};
use plan::run::{CheckOptions, check_files};
use proptest::prelude::*;
use std::path::{Component, Path};

/// Fragments of plan files, valid and broken, for the generator to combine.
const PIECES: &[&str] = &[
    "typ: aktivitetsplan\n",
    "typ: handlingsplan\n",
    "typ: organisationer\n",
    "id: lan\n",
    "id: \"1.10\"\n",
    "id: 1.10\n",
    "handlingsplan: lan\n",
    "år: 2025\n",
    "år: 99999\n",
    "följer: lan\n",
    "period: { från: 2024, till: 2030 }\n",
    "period: { från: 2030, till: 2024 }\n",
    "namn: Plan\n",
    "aktiviteter:\n",
    "  - id: A1\n",
    "    titel: T\n",
    "    status: pågående\n",
    "    status: klar\n",
    "    ansvarig: kommunen\n",
    "    inriktningar: [MO1.1]\n",
    "    slut: 2025-02-30\n",
    "    slut: 2024-01-01\n",
    "    uppföljning:\n",
    "      - { datum: 2025-01-01, status: pausad }\n",
    "målområden:\n",
    "  - id: MO1\n",
    "    namn: M\n",
    "    inriktningar:\n",
    "      - { id: MO1.1, text: T }\n",
    "organisationer:\n",
    "  - { id: kommunen, namn: K, kategori: kommun }\n",
    "&a x\n",
    "*a\n",
    "---\n",
    "\t- x\n",
    "[\n",
    "{ a: [1, { b: c }] }\n",
    "    beskrivning: \"<script>alert(1)</script> [x](javascript:y) {{ z }}\"\n",
    "\u{FEFF}",
    "\r\n",
    // The mistakes of the corpus, for the YAML explanations and the converter's helps.
    "    titel: SIP: utbilda\n",
    "    titel: \"ej stängd\n",
    "    titel: 'a 'b' c'\n",
    "     status: klar\n",
    "   ansvarig: x\n",
    "    titel x\n",
    "    - MO1.1\n",
    "      MO1.2\n",
    "    inriktningar: [MO1.1,\n",
    "    kommentar: \"C:\\mapp\"\n",
    "      - { datum: 2025-01-01, kommentar: Klart #1 }\n",
    "    titel: Skola #2 – rörelse\n",
    "    sakområden: a; b\n",
    "    inriktningar: [1.2, \"2.1\", MO1.1 MO1.2]\n",
    "    status: \"Pågår \"\n",
    "    start: 2025-02-30\n",
    "    ansvarg: x\n",
    "typ: aktivitetplan\n",
    "\t",
    ":",
    " #",
    "\"",
];

/// What the YAML parser says when it stops, for the explanation's property test.
const INFOS: &[&str] = &[
    "mapping values are not allowed in this context",
    "while parsing a block collection, did not find expected '-' indicator",
    "while parsing a block mapping, did not find expected key",
    "invalid trailing content after double-quoted scalar",
    "invalid indentation in quoted scalar",
    "while scanning a quoted scalar, found unexpected end of stream",
    "simple key expect ':'",
    "while parsing a quoted scalar, found unknown escape character",
    "while scanning a block scalar, did not find expected comment or line break",
    "block sequence entries are not allowed in this context",
    "while parsing a node, did not find expected node content",
    "while parsing node, found unknown anchor",
    "unexpected character: `@'",
    "while parsing a flow sequence, expected ',' or ']'",
    "while parsing a flow mapping, did not find expected ',' or '}'",
    "illegal placement of ':' indicator",
    "invalid indentation",
    "while scanning a plain scalar, found a tab",
    "a byte order mark must not appear inside a document",
    "something else",
];

fn plan_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|parts| parts.concat())
}

fn options() -> CheckOptions {
    CheckOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("date"),
        lang: plan::lang::Lang::En,
        levels: Default::default(),
        county: Default::default(),
        status_words: Default::default(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn checking_and_rendering_never_panic(a in plan_text(), b in plan_text(), c in plan_text()) {
        let files = [a, b, c].into_iter().enumerate().map(|(i, t)| (format!("plans/f{i}.yaml"), Input::Bytes(t.into_bytes()))).collect();
        let checked = check_files(files, &options());
        for d in &checked.diagnostics {
            let file = checked.plan.sources.get(d.span.file);
            prop_assert!(d.span.start.line >= 1 && d.span.start.line as usize <= file.line_count().max(1), "{:?}", d);
        }
        let _ = plan::report::human::render(&checked.diagnostics, &checked.plan.sources, checked.summary, plan::lang::Lang::Sv, Default::default());
        let render = RenderOptions {
            format: SiteFormat::Html, lang: plan::lang::Lang::Sv, today: options().today, site: Default::default(),
            accessibility: Default::default(), templates_dir: None, last_changed: Default::default(), sources: Default::default(), history: Default::default(),
        };
        let sink = |path: &str, bytes: &[u8]| -> Result<(), RenderError> {
            assert!(Path::new(path).components().all(|c| matches!(c, Component::Normal(_))), "{path}");
            // The only scripts are the site's own: the table filter, and the search on its page.
            let text = common::without_own_scripts(path, &String::from_utf8_lossy(bytes));
            assert!(!text.contains("<script"), "{path}");
            Ok(())
        };
        prop_assert!(plan::render::build(&checked.plan, &render, &sink).is_ok());
    }

    #[test]
    fn explaining_a_syntax_error_never_panics(text in "(\\PC|\n|\t|\r){0,120}", line in 0u32..12, column in 0u32..40, info in prop::sample::select(INFOS)) {
        // Whatever the text and wherever the parser says it stopped, inside or past the text.
        let explained = plan::yaml::explain::explain(&text, info, plan::source::Pos { line, column });
        prop_assert!(explained.at.0.line >= 1 && explained.at.0.column >= 1, "{explained:?}");
        for lang in [plan::lang::Lang::Sv, plan::lang::Lang::En] {
            let (message, help, _) = plan::yaml::msg::syntax(lang, &explained.problem);
            prop_assert!(!message.is_empty() && !help.is_empty());
        }
    }

    #[test]
    fn no_id_names_a_path_outside_its_folder(id in any::<String>()) {
        let page = plan::render::paths::page(plan::render::paths::PageKind::Activity, &id, SiteFormat::Html);
        prop_assert!(Path::new(&page).components().all(|c| matches!(c, Component::Normal(_))), "{page}");
        prop_assert!(page.starts_with("aktiviteter/") && page.matches('/').count() == 1, "{page}");
    }
}
